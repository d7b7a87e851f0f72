// Bytes a search query downloads, with the site's own search.js: a fresh
// index per query (an empty browser cache), the first page of results.
// Usage: node bench/query_bytes.mjs PUBLIC_DIR "query" …  → one JSON line per query.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const S = require(path.join(here, "../theme/static/js/search.js"));
const [dir, ...queries] = process.argv.slice(2);
const manifest = "/tim-kiem/chi-muc/manifest.json";

for (const q of queries) {
  let raw = 0, gz = 0;
  const files = [];
  const index = S.createIndex(manifest, (url) => {
    const bytes = readFileSync(path.join(dir, url));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 6 }).length;
    files.push(url);
    return JSON.parse(bytes.toString("utf8"));
  });
  const res = await index.search(q);
  console.log(JSON.stringify({ query: q, raw, gzip: gz, files: files.length, hits: res.total }));
}
