// An invited respondent's whole journey in headless Chromium, first with
// JavaScript off (plain form posts), then with it on (autosave).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { startServe, launch, siteCopy, cchcBin, axeViolations } from "./lib.mjs";

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

/** axe needs script to run, so it checks the same address in a page with JavaScript on. */
async function axeAt(url) {
  const page = await browser.newPage();
  await page.goto(url);
  const v = await axeViolations(page);
  await page.close();
  return v;
}

function outbox() {
  const dir = path.join(root, ".cchc/outbox");
  return readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")));
}

/** Invites a respondent with the CLI and returns the link path read from the outbox email. */
function invite(email) {
  execFileSync(cchcBin, ["--root", root, "respondents", "add", "danh-gia-cchc-2026", "--name", "Trần Thị Thử", "--email", email, "--unit", "Bộ Nội vụ", "--group", "cong-chuc"]);
  const mail = outbox().filter((m) => m.to === email).pop();
  assert.ok(mail, "invitation in the outbox");
  const m = mail.text.match(/\/api\/khao-sat\/danh-gia-cchc-2026\/moi\/[A-Za-z0-9_-]+/);
  assert.ok(m, "personal link in the invitation");
  return m[0];
}

/** Answers every question of the form the way a hurried respondent would. */
async function fillAll(page) {
  await page.evaluate(() => {
    const seen = new Set();
    for (const input of document.querySelectorAll("form input[type=radio], form input[type=checkbox]")) {
      if (seen.has(input.name) || input.value === "_other") continue;
      seen.add(input.name);
      input.checked = true;
    }
    for (const input of document.querySelectorAll("form input.text-input")) {
      if (input.name.endsWith("_other")) continue;
      input.value = input.classList.contains("text-input--number") ? "5" : input.classList.contains("text-input--date") ? "15/11/2026" : "Ý kiến thử nghiệm";
    }
    for (const t of document.querySelectorAll("form textarea")) t.value = "Đề nghị tiếp tục đơn giản hóa thủ tục.";
  });
}

test("no-JS: answer, save, resume, review, edit, submit, print, read-only", async () => {
  const link = invite("khong-js@example.gov.vn");
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(server.url + link);
  assert.match(await page.textContent("main"), /Chưa trả lời/);
  assert.deepEqual(await axeAt(page.url()), [], "respondent home");
  await page.click("text=Góp ý về hệ thống khảo sát trực tuyến");
  const formUrl = page.url();
  assert.deepEqual(await axeAt(formUrl), [], "form");

  // Review with nothing answered: the error summary links to each field.
  await page.click("button[value=submit]");
  assert.match(await page.textContent("main"), /Có lỗi cần sửa/);
  const firstError = await page.getAttribute(".error-summary a", "href");
  assert.match(firstError, /^#q_/);

  // Answer, save a draft and come back later from the link.
  await fillAll(page);
  await page.click("button[value=draft]");
  assert.match(await page.textContent("main"), /Đã lưu/);
  await page.goto(server.url + link);
  assert.match(await page.textContent("main"), /Đang soạn|nháp/i);
  await page.goto(formUrl);
  const checked = await page.evaluate(() => document.querySelectorAll("form input:checked").length);
  assert.ok(checked > 0, "the saved draft is shown again");

  // Review, go back to edit, review again, submit.
  await page.click("button[value=submit]");
  assert.match(await page.textContent("main"), /Xem lại/);
  assert.deepEqual(await axeAt(page.url()), [], "review");
  await page.click("main a:has-text('Sửa')");
  await page.fill("textarea", "Nội dung đã sửa sau khi xem lại.");
  await page.click("button[value=submit]");
  assert.match(await page.textContent("main"), /Nội dung đã sửa sau khi xem lại/);
  await page.click("button:has-text('Nộp phiếu')");
  const receipt = await page.textContent("main");
  const digest = receipt.match(/[0-9a-f]{64}/);
  assert.ok(digest, "receipt shows the answers' hash");
  assert.deepEqual(await axeAt(page.url()), [], "receipt");
  assert.ok(await page.evaluate(() => [...document.styleSheets].some((s) => [...s.cssRules].some((r) => r.media && r.media.mediaText.includes("print")))), "print stylesheet present");

  // The receipt email carries the same hash; the form is now read-only.
  const receiptMail = outbox().filter((m) => m.to === "khong-js@example.gov.vn").pop();
  assert.ok(receiptMail.text.includes(digest[0]), "receipt email with the hash");
  await page.goto(formUrl);
  assert.equal(await page.locator("form button[value=submit]").count(), 0, "no submit button on a submitted form");
  await page.goto(server.url + link);
  assert.match(await page.textContent("main"), /Đã nộp/);
  await ctx.close();
});

test("JS: changes are autosaved as a draft without pressing a button", async () => {
  const link = invite("co-js@example.gov.vn");
  const page = await browser.newPage();
  await page.goto(server.url + link);
  await page.click("text=Góp ý về hệ thống khảo sát trực tuyến");
  const formUrl = page.url();
  const radio = page.locator("form input[type=radio]").first();
  await radio.check();
  const name = await radio.getAttribute("name");
  const value = await radio.getAttribute("value");
  // The script saves a few seconds after the last change.
  await page.waitForResponse((r) => r.request().method() === "POST" && r.url() === formUrl && r.ok(), { timeout: 15000 });
  const fresh = await browser.newContext({ javaScriptEnabled: false });
  const other = await fresh.newPage();
  await other.goto(formUrl);
  assert.ok(await other.isChecked(`input[name="${name}"][value="${value}"]`), "draft saved on the server");
  await fresh.close();
  await page.close();
});
