// The question form in a real browser: attachments over the limit are caught
// as soon as they are chosen (a body that large would never reach the Lambda
// function), the typed question stays, and a question within the limit is
// received end to end by `cchc serve`'s own questions function.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { startServe, launch, siteCopy } from "./lib.mjs";

const MIB = 1024 * 1024;
let root, server, browser;
before(async () => {
  root = siteCopy(); // questions are stored under the copy's .cchc/
  server = await startServe([], {}, root);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const pdf = (name, size) => {
  const buffer = Buffer.alloc(size, 0x20);
  buffer.write("%PDF-1.4\n");
  return { name, mimeType: "application/pdf", buffer };
};

async function fill(page) {
  await page.goto(server.url + "/hoi-dap/");
  await page.fill("#ho_ten", "Nguyễn Văn An");
  await page.fill("#email", "an.nguyen@example.com");
  await page.fill("#tinh", "Tuyên Quang");
  await page.selectOption("#linh_vuc", { index: 1 });
  await page.fill("#tieu_de", "Hồ sơ đăng ký hộ kinh doanh bị quá hạn thì làm thế nào");
  await page.fill("#noi_dung", "Tôi nộp hồ sơ trực tuyến nhưng quá hạn chưa có kết quả.");
  await page.check("#dong_y");
}

test("attachments over 4 MB in total are refused before sending, with the question kept", async () => {
  const page = await browser.newPage();
  await fill(page);
  await page.setInputFiles("#tep", [pdf("to-trinh.pdf", 2.5 * MIB), pdf("phu-luc.pdf", 2.5 * MIB)]);
  const error = page.locator("#tep-loi");
  await error.waitFor({ state: "visible" });
  assert.match(await error.textContent(), /tổng dung lượng 5 MB, vượt quá giới hạn 4 MB/);
  assert.equal(await page.getAttribute("#tep", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#tep", "aria-describedby"), /tep-loi/);

  await page.click("#question-form button[type=submit]");
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).pathname, "/hoi-dap/", "the form was not sent");
  assert.equal(await page.inputValue("#noi_dung"), "Tôi nộp hồ sơ trực tuyến nhưng quá hạn chưa có kết quả.");

  await page.setInputFiles("#tep", [pdf("a.pdf", 1000), pdf("b.pdf", 1000), pdf("c.pdf", 1000), pdf("d.pdf", 1000)]);
  assert.match(await error.textContent(), /tối đa 3 tệp; quý vị đã chọn 4 tệp/);
  await page.close();
});

test("a question within the limits is received and gets a tracking code", async () => {
  const page = await browser.newPage();
  await fill(page);
  await page.setInputFiles("#tep", [pdf("don-de-nghi.pdf", 300 * 1024)]);
  assert.equal(await page.locator("#tep-loi").isHidden(), true);
  await Promise.all([page.waitForNavigation(), page.click("#question-form button[type=submit]")]);
  const body = await page.textContent("main");
  assert.match(body, /Đã nhận câu hỏi/);
  assert.match(body, /HD-\d{4}-\d{6}/);
  assert.doesNotMatch(body, /an\.nguyen@example\.com/);
  await page.close();
});
