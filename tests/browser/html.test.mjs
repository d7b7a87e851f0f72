// Every built HTML page is valid HTML, checked by the Nu Html Checker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { buildSite } from "./lib.mjs";

const require = createRequire(import.meta.url);

test("the Nu Html Checker finds no error in any built page", () => {
  const out = mkdtempSync(path.join(tmpdir(), "cchc-vnu-"));
  buildSite(out);
  const jar = path.join(path.dirname(require.resolve("vnu-jar")), "build/dist/vnu.jar");
  let report = "";
  try {
    execFileSync("java", ["-jar", jar, "--errors-only", "--skip-non-html", "--format", "gnu", out], { stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    report = String(e.stderr || "") + String(e.stdout || "");
  }
  assert.equal(report, "", report);
});
