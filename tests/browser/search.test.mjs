// Site search in a real browser: queries typed without diacritics find the
// Vietnamese words, including đ, and exact spellings rank first.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServe, launch } from "./lib.mjs";

let server, browser;
before(async () => {
  server = await startServe();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function results(page, q) {
  await page.goto(server.url + "/tim-kiem/?q=" + encodeURIComponent(q));
  await page.waitForSelector("#search-results ol li, #search-results p", { timeout: 10000 });
  return page.evaluate(() => ({
    summary: document.querySelector("#search-results p")?.textContent || "",
    items: [...document.querySelectorAll("#search-results ol li")].map((li) => ({
      title: li.querySelector("a")?.textContent || "",
      href: li.querySelector("a")?.getAttribute("href") || "",
      text: li.textContent,
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
    })),
  }));
}

const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();

const CASES = [
  ["thu tuc hanh chinh", /thủ tục hành chính/i],
  ["nghi dinh", /nghị định/i],
  ["dang ky", /đăng ký/i],
  ["duong", /đường|dương/i],
];

for (const [q, expected] of CASES) {
  test(`"${q}" finds ${expected}`, async () => {
    const page = await browser.newPage();
    const r = await results(page, q);
    assert.ok(r.items.length > 0, `no results for ${q}: ${r.summary}`);
    assert.match(r.items[0].text, expected);
    // Highlights keep the page's diacritics and fold to the words typed.
    const marks = r.items.slice(0, 3).flatMap((i) => i.marks);
    assert.ok(marks.length > 0, "no highlighted words in the top results");
    const words = q.split(" ");
    for (const m of marks) assert.ok(words.some((w) => fold(m).startsWith(w)), `mark ${m} is not one of ${words}`);
    assert.ok(marks.some((m) => m !== fold(m)), `marks keep diacritics: ${marks}`);
    assert.match(r.summary, /kết quả/);
    await page.close();
  });
}

test("exact diacritics rank first: “nghị định” vs “nghi dinh”", async () => {
  const page = await browser.newPage();
  const exact = await results(page, "nghị định");
  const folded = await results(page, "nghi dinh");
  assert.equal(exact.items.length, folded.items.length, "same documents match either way");
  assert.match(exact.items[0].text, /Nghị định/);
  await page.close();
});

test("the form works by typing and submitting, and the URL keeps the query", async () => {
  const page = await browser.newPage();
  await page.goto(server.url + "/tim-kiem/");
  await page.fill("#search-q", "dang ky");
  await page.press("#search-q", "Enter");
  await page.waitForSelector("#search-results ol li");
  assert.match(page.url(), /[?&]q=dang(\+|%20)ky/);
  await page.close();
});

test("a query with no match says so in Vietnamese", async () => {
  const page = await browser.newPage();
  const r = await results(page, "zzqxw");
  assert.equal(r.items.length, 0);
  assert.match(r.summary, /Không tìm thấy/);
  await page.close();
});

test("the header search box leads to results", async () => {
  const page = await browser.newPage();
  await page.goto(server.url + "/");
  await page.fill("#header-q", "mot cua");
  await page.press("#header-q", "Enter");
  await page.waitForSelector("#search-results ol li");
  const first = await page.textContent("#search-results ol li");
  assert.match(first, /một cửa/i);
  await page.close();
});
