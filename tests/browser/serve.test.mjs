// `cchc serve`: an edit to one page is re-rendered alone and the open
// browser reloads by itself; a broken edit shows the problem, and fixing it
// brings the page back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startServe, launch, siteCopy } from "./lib.mjs";

let server, browser, root;
before(async () => {
  root = siteCopy();
  server = await startServe([], {}, root);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("editing a page re-renders only it and live-reloads the browser", async () => {
  const page = await browser.newPage();
  await page.goto(server.url + "/tin-tuc/ra-mat-cong-thong-tin/");
  const file = path.join(root, "content/tin-tuc/ra-mat-cong-thong-tin.md");
  const before = readFileSync(file, "utf8");
  await page.waitForTimeout(300); // let the EventSource connect
  const navigated = page.waitForEvent("load", { timeout: 15000 });
  writeFileSync(file, before + "\n\nĐoạn mới thêm để kiểm tra tải lại trực tiếp.\n");
  await navigated;
  assert.match(await page.content(), /Đoạn mới thêm để kiểm tra tải lại trực tiếp/);
  assert.match(server.log(), /Re-rendered \/tin-tuc\/ra-mat-cong-thong-tin\//);
  await page.close();
});

test("a broken link shows the problem until it is fixed", async () => {
  const page = await browser.newPage();
  const file = path.join(root, "content/kien-thuc/chi-so-hai-long-sipas.md");
  const good = readFileSync(file, "utf8");
  writeFileSync(file, good + "\n[hỏng](@/khong-co.md)\n");
  await page.waitForTimeout(1500);
  const resp = await page.goto(server.url + "/kien-thuc/chi-so-hai-long-sipas/");
  assert.equal(resp.status(), 500);
  assert.match(await page.content(), /broken internal link: no page at @\/khong-co.md/);
  writeFileSync(file, good);
  await page.waitForTimeout(1500);
  const ok = await page.goto(server.url + "/kien-thuc/chi-so-hai-long-sipas/");
  assert.equal(ok.status(), 200);
  await page.close();
});
