// Real-browser checks of a built catalogue (QOIMA_DIST: a folder with public/ and internal/).
// Run by tests/browser.rs, which builds the sample first; alone:
//   QOIMA_DIST=/path/to/dist node --test
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const dist = process.env.QOIMA_DIST;
assert.ok(dist, "set QOIMA_DIST to the built catalogue");
const AXE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

let browser;
let server;
let base;

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".xml": "application/xml", ".csv": "text/csv", ".json": "application/json" };

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // A static server on loopback: the catalogue must work from any web server too.
  server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file.endsWith("/") ? path.join(file, "index.html") : file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end(await readFile(path.join(dist, "public/404.html")));
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A page that fails the test on any console error or page error. */
async function open(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(url);
  await page.waitForLoadState("load");
  return { page, errors };
}

async function searchCount(page, query) {
  await page.fill("#q", query);
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
  return page.locator("#results li").count();
}

for (const [how, root] of [["file://", () => pathToFileURL(path.join(dist, "internal")).href], ["http", () => `${base}/internal`]]) {
  test(`internal edition over ${how}: home, search, language, deposit, every report`, async () => {
    const { page, errors } = await open(`${root()}/index.html`);
    await page.waitForURL(/\/kk\/index\.html$/);
    assert.equal(await page.getAttribute("html", "lang"), "kk");
    // Search a Kazakh word and a Russian word, in upper case, by prefix.
    await page.click("text=Іздеу");
    assert.ok((await searchCount(page, "НОТАРИАТ")) >= 1, "a Kazakh word");
    assert.ok((await searchCount(page, "поликлиник")) >= 1, "a Russian word");
    assert.equal(await searchCount(page, "zzqqxx"), 0);
    // Switch language.
    await page.click("a[hreflang=ru]");
    assert.equal(await page.getAttribute("html", "lang"), "ru");
    // Home → register → a system → a deposit.
    await page.click("text=Реестр систем");
    await page.click("a:has-text('Е-нотариат')");
    await page.click("a:has-text('Версия 2.0')");
    assert.match(await page.textContent("h1"), /2\.0/);
    // Every report from the reports page.
    await page.click("text=Отчёты");
    const reports = await page.locator("ul.reports a").evaluateAll((as) => as.map((a) => a.href));
    assert.ok(reports.length >= 5);
    for (const href of reports) {
      await page.goto(href);
      assert.ok(await page.locator("h1").count(), href);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("search finds what people type, from file://", async () => {
  for (const lang of ["kk", "ru"]) {
    const { page, errors } = await open(`${pathToFileURL(path.join(dist, "internal")).href}/${lang}/search.html`);
    const first = async (query) => {
      assert.ok((await searchCount(page, query)) >= 1, `${lang}: ${query} finds something`);
      return page.locator("#results li a").first().textContent();
    };
    // A depository number with or without its punctuation: its deposit first.
    assert.match(await first("KZ-DEP-2023-000041"), /3\.2$/);
    assert.match(await first("kzdep2023000041"), /3\.2$/);
    assert.match(await first("KZ DEP 2023 000041"), /3\.2$/);
    // A journal number, an application's incoming number, a code.
    assert.match(await first("Ж-2026/118"), /3\.3$/);
    assert.match(await first("ж2026118"), /3\.3$/);
    assert.match(await first("Вх. 3-1/2217"), /2\.0$/);
    assert.ok((await searchCount(page, "iseg00089")) >= 1, "a code without its hyphen");
    // Another form of a Russian word (the text says "очереди", "талонов").
    assert.match(await first("очередь"), /Кезек/);
    assert.match(await first("ТАЛОНЫ"), /Кезек/);
    // Kazakh typed on a Russian keyboard, without its own letters.
    assert.match(await first("денсаулык сактау"), /Дамумед/);
    assert.ok((await searchCount(page, "казакстан республикасынын")) >= 2, "Қазақстан Республикасының");
    // A number that is not there finds nothing.
    assert.equal(await searchCount(page, "KZ-DEP-1999-999999"), 0);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("register filters hide rows", async () => {
  const { page, errors } = await open(`${pathToFileURL(path.join(dist, "internal")).href}/en/systems/index.html`);
  const all = await page.locator("table.register tbody tr:not([hidden])").count();
  await page.selectOption("select[data-filter=language]", "Python");
  const python = await page.locator("table.register tbody tr:not([hidden])").count();
  assert.ok(python >= 1 && python < all, `${python} of ${all}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("no page scrolls sideways on a 390 px phone; identifiers stay whole", async () => {
  const root = pathToFileURL(path.join(dist, "internal")).href;
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const pages = [];
  for (const lang of ["kk", "ru"]) {
    pages.push(`${lang}/index.html`, `${lang}/systems/index.html`, `${lang}/systems/e-notary/index.html`,
               `${lang}/systems/e-notary/2.0/index.html`, `${lang}/search.html`, `${lang}/reports/index.html`);
    await page.goto(`${root}/${lang}/reports/index.html`);
    const reports = await page.locator("ul.reports a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.ok(reports.length >= 5, lang);
    pages.push(...reports.map((r) => `${lang}/reports/${r}`));
  }
  pages.push("../public/kk/index.html", "../public/ru/systems/index.html");
  for (const rel of pages) {
    await page.goto(`${root}/${rel}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${rel} is ${width} px wide at 390 px`);
  }
  // A wide table scrolls inside its own box, which the keyboard can reach; a depository number
  // is on one line.
  await page.goto(`${root}/ru/reports/product-register.html`);
  const box = page.locator(".table-wrap").first();
  assert.ok(await box.evaluate((b) => b.scrollWidth > b.clientWidth), "the register is wider than the phone");
  assert.equal(await box.getAttribute("tabindex"), "0");
  const id = page.locator("td.id", { hasText: "KZ-DEP-" }).first();
  const lines = await id.evaluate((td) => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length; });
  assert.equal(lines, 1, "a depository number on one line");
  assert.deepEqual(errors, []);
  await page.close();
});

test("accessibility: no serious or critical axe violations", async () => {
  const pages = ["kk/index.html", "ru/systems/index.html", "en/systems/e-notary/index.html", "kk/systems/e-notary/2.0/index.html",
                 "ru/reports/journal.html", "ru/search.html", "ru/systems/e-notary/2.0/certificate.html",
                 "kk/systems/e-notary/2.0/examination-1.html", "package-pages/inventory-ru.html", "package-pages/transfer-act-kk.html"];
  for (const rel of pages) {
    const { page } = await open(`${pathToFileURL(path.join(dist, "internal")).href}/${rel}`);
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(async () => await window.axe.run());
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help}`), [], rel);
    await page.close();
  }
  // On a phone, where wide tables scroll in their own boxes.
  for (const rel of ["ru/reports/journal.html", "kk/systems/index.html", "kk/systems/e-notary/2.0/index.html"]) {
    const { page } = await open(`${pathToFileURL(path.join(dist, "internal")).href}/${rel}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(async () => await window.axe.run());
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help}`), [], `${rel} at 390 px`);
    await page.close();
  }
});

test("every page is valid HTML (Nu Html Checker)", async () => {
  const vnu = require.resolve("vnu-jar/build/dist/vnu.jar");
  const run = spawnSync("java", ["-jar", vnu, "--errors-only", "--skip-non-html", path.join(dist, "public"), path.join(dist, "internal")], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr || run.stdout);
});
