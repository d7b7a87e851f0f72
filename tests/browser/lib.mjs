// Shared by the browser tests: start `cchc serve` on a free port and launch
// Debian's Chromium through playwright-core (no browser download).
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const cchcBin = process.env.CCHC_BIN || path.join(repo, "target/debug/cchc");

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** Starts `cchc serve` on the repo's site; resolves once it listens. */
export async function startServe(extraArgs = [], env = {}, root = repo) {
  const port = await freePort();
  const child = spawn(cchcBin, ["--root", root, "serve", "--port", String(port), ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let log = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("cchc serve did not start:\n" + log)), 60000);
    const onData = (d) => {
      log += d;
      if (log.includes("Serving on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`cchc serve exited ${code}:\n${log}`)));
  });
  child.stdout.on("data", (d) => { log += d; });
  child.stderr.on("data", (d) => { log += d; });
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    stop: () => new Promise((resolve) => { child.once("exit", resolve); child.kill("SIGINT"); }),
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

export function buildSite(outDir) {
  execFileSync(cchcBin, ["--root", repo, "build", "--out", outDir], { stdio: "inherit" });
}

/** A copy of the shipped site (content, theme, site.yaml) in a temp folder. */
export function siteCopy() {
  const dir = mkdtempSync(path.join(tmpdir(), "cchc-site-"));
  for (const name of ["content", "theme", "site.yaml"]) {
    cpSync(path.join(repo, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.1 A and AA violations on the page as it is now, one line each. */
export async function axeViolations(page) {
  // Evaluated over the DevTools protocol: works with the page's strict CSP
  // and in contexts with JavaScript disabled.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  });
}
