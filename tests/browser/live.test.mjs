// Live reload under `qoima serve` (QOIMA_SERVE_URL: the server; QOIMA_SERVE_TOKEN: the token of
// the internal edition; QOIMA_SERVE_SITE: its site root).
// Run by tests/browser.rs, which starts the server on a copy of the sample first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";

const url = process.env.QOIMA_SERVE_URL;
const site = process.env.QOIMA_SERVE_SITE;
const token = process.env.QOIMA_SERVE_TOKEN;
// A page's address with the token; the server keeps it in a cookie and redirects to the page.
const at = (rel) => (token ? `${url}${rel}?token=${token}` : `${url}${rel}`);

test("an open page reloads itself after an edit", { skip: !url && "QOIMA_SERVE_URL is not set" }, async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(at("en/systems/e-notary/index.html"));
    await page.waitForLoadState("load");
    assert.match(await page.textContent("h1"), /E-Notary information system/);
    // Mark this very document; give its live-reload socket a moment to open.
    await page.evaluate(() => { window.__before_reload = true; });
    await new Promise((ok) => setTimeout(ok, 500));
    const file = path.join(site, "archive/e-notary/system.yaml");
    const yaml = await readFile(file, "utf8");
    assert.ok(yaml.includes('en: "E-Notary information system"'));
    await writeFile(file, yaml.replace('en: "E-Notary information system"', 'en: "E-Notary reloaded"'));
    // The same tab shows the new name without anyone pressing reload: a new document.
    await page.waitForFunction(
      () => !window.__before_reload && document.querySelector("h1")?.textContent.includes("E-Notary reloaded"),
      null,
      { timeout: 30000 },
    );
    // A page the edit did not change stays as it is.
    const other = await browser.newPage();
    await other.goto(at("en/systems/damu-med/index.html"));
    await other.evaluate(() => { window.__stays = true; });
    await new Promise((ok) => setTimeout(ok, 500));
    await writeFile(file, yaml.replace('en: "E-Notary information system"', 'en: "E-Notary again"'));
    await page.waitForFunction(() => document.querySelector("h1")?.textContent.includes("E-Notary again"), null, { timeout: 30000 });
    assert.equal(await other.evaluate(() => window.__stays), true);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
