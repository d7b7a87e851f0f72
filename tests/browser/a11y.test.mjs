// WCAG 2.1 AA with axe-core on every page type, and a 360 px phone layout
// that never scrolls sideways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServe, launch, axeViolations } from "./lib.mjs";

const PAGES = [
  "/",
  "/kien-thuc/",
  "/kien-thuc/chi-so-cai-cach-hanh-chinh-par-index/",
  "/van-ban/",
  "/van-ban/5628-bnv-cchc/",
  "/van-ban/loai/cong-van/",
  "/hoi-dap/toi-khong-nhan-duoc-email-moi-khao-sat/",
  "/gop-y/du-thao-quy-che-khao-sat-su-hai-long/",
  "/gop-y/du-thao-sua-doi-bo-tieu-chi-chi-so-cchc/",
  "/tin-tuc/",
  "/khao-sat/",
  "/khao-sat/danh-gia-cchc-2026/",
  "/khao-sat/hai-long-nguoi-dan-2026/danh-gia-su-hai-long/",
  "/linh-vuc/",
  "/tim-kiem/?q=nghi+dinh",
  "/chinh-sach-bao-mat/",
  "/khong-co-trang-nay/",
];

let server, browser;
before(async () => {
  server = await startServe();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const path of PAGES) {
  test(`axe finds no WCAG 2.1 A/AA violation on ${path}`, async () => {
    const page = await browser.newPage();
    const resp = await page.goto(server.url + path);
    assert.ok(resp.status() === 200 || path.startsWith("/khong-co"), `status ${resp.status()}`);
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });
}

test("pages fit a 360 px phone without sideways scrolling", async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  for (const path of PAGES) {
    await page.goto(server.url + path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path} is ${width}px wide`);
  }
  await ctx.close();
});
