// search.js against Rust: the same ranked results, snippets and fetched
// files for every fixture query. Run with `node --test generator/search/tests/js/`.
//
// The fixture index comes from `cargo run -p search --example dump_index`,
// run here unless SEARCH_FIXTURE_DIR points at an existing dump.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../../..");
const require = createRequire(import.meta.url);
const S = require(path.join(repo, "theme/static/js/search.js"));

let dir = process.env.SEARCH_FIXTURE_DIR;
if (!dir) {
  dir = mkdtempSync(path.join(tmpdir(), "search-fixture-"));
  execFileSync("cargo", ["run", "-q", "-p", "search", "--example", "dump_index", "--", dir], {
    cwd: repo,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8"));
const MANIFEST = "/tim-kiem/chi-muc/manifest.json";

/** A fresh index whose loads are read from the dump and recorded. */
function openIndex() {
  const fetched = [];
  const index = S.createIndex(MANIFEST, (url) => {
    fetched.push(url.replace(/^\//, ""));
    return JSON.parse(readFileSync(path.join(dir, url), "utf8"));
  });
  return { index, fetched };
}

test("the fixture covers the required queries", () => {
  const queries = expected.map((e) => e.query);
  for (const q of ["thu tuc hanh chinh", "nghi dinh", "dang ky", "duong", "đường"]) {
    assert.ok(queries.includes(q), q);
  }
});

test("fold matches Rust's keys", () => {
  assert.equal(S.fold("Thủ tục hành chính"), "thu tuc hanh chinh");
  assert.equal(S.fold("Nghị định"), "nghi dinh");
  assert.equal(S.fold("ĐĂNG KÝ"), "dang ky");
  assert.equal(S.fold("đường"), "duong");
  assert.equal(S.fold("Ngh\u0069\u0323 \u0111i\u0323nh"), "nghi dinh");
});

test("queries parse into forms, keys and a prefix flag", () => {
  assert.deepEqual(S.parseQuery("Đường  bộ"), {
    tokens: [
      { form: "đường", key: "duong" },
      { form: "bộ", key: "bo" },
    ],
    prefix: true,
  });
  assert.equal(S.parseQuery("nghi dinh ").prefix, false);
  assert.equal(S.parseQuery("5628/BNV-CCHC").tokens.length, 3);
  assert.deepEqual(S.parseQuery(" — ").tokens, []);
});

for (const e of expected) {
  test(`same results as Rust for “${e.query}”`, async () => {
    const { index, fetched } = openIndex();
    const res = await index.search(e.query, 0, S.PAGE_SIZE);
    assert.equal(res.total, e.total, "total");
    assert.deepEqual(
      res.hits.map((h) => h.url),
      e.hits.map((h) => h.url),
      "ranked URLs",
    );
    assert.deepEqual(
      res.hits.map((h) => h.score),
      e.hits.map((h) => h.score),
      "scores",
    );
    assert.deepEqual(
      res.hits.map((h) => [h.title, h.section, h.date, h.snippet, h.marks]),
      e.hits.map((h) => [h.title, h.section, h.date, h.snippet, h.marks]),
      "result metadata and snippets",
    );
    // bytes_for_query counts exactly what the script downloads.
    assert.deepEqual([...new Set(fetched)].sort(), [...e.fetches].sort(), "fetched files");
  });
}

test("diacritic-free queries find the accented documents", async () => {
  const { index } = openIndex();
  const urls = async (q) => (await index.search(q, 0, 50)).hits.map((h) => h.url);
  assert.ok((await urls("thu tuc hanh chinh")).includes("/kien-thuc/thu-tuc-hanh-chinh-la-gi/"));
  assert.ok((await urls("nghi dinh")).includes("/van-ban/61-2018-nd-cp/"));
  assert.ok((await urls("dang ky")).includes("/hoi-dap/dang-ky-ho-kinh-doanh/"));
  assert.ok((await urls("duong")).includes("/tin-tuc/duong-day-nong/"));
});

test("snippets mark matches whatever their tones", () => {
  const s = S.snippet("Hướng dẫn đăng ký kinh doanh.", ["dang"], "k");
  assert.equal(s.text, "Hướng dẫn đăng ký kinh doanh.");
  assert.deepEqual(s.marks, [
    [10, 14],
    [15, 17],
    [18, 22],
  ]);
});

test("a second query reuses the files already loaded", async () => {
  const { index, fetched } = openIndex();
  await index.search("dang ky", 0, 10);
  const first = fetched.length;
  await index.search("dang ky", 0, 10);
  assert.equal(fetched.length, first);
});
