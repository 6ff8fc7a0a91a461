// Opens an HTML report of `mgip check` in headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core; no browser is ever downloaded), does what a reader would do, and prints a
// JSON of what it saw on stdout:
//
//   node tests/browser/report_page.mjs REPORT.html [--screenshot OUT.png] [--status failed]
//
// What it does: reads the verdict, the counts and every rule row; chooses each verdict and each
// section in the filters and records the rows left visible and the shown count; clicks every
// Copy button and reads the clipboard back; clicks one with the clipboard taken away (the
// fallback selects the text); opens the page without JavaScript; records every request the page
// made besides its own file, and every console error. With --screenshot, a 1280 px wide
// screenshot of the first 1400 px, filtered to --status if given. CHROMIUM overrides the
// browser's path. Exits 1 on any error, 2 when it runs out of time.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import path from "node:path";
import process from "node:process";

const TIME_LIMIT_MS = 90_000;
const SCREENSHOT_HEIGHT = Number.parseInt(process.env.SCREENSHOT_HEIGHT || "1400", 10);
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function options(argv) {
  const found = { html: null, screenshot: null, status: "" };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--screenshot") found.screenshot = argv[++i];
    else if (argv[i] === "--status") found.status = argv[++i];
    else if (found.html === null) found.html = argv[i];
    else throw new Error(`unexpected argument: ${argv[i]}`);
  }
  if (!found.html) throw new Error("usage: report_page.mjs REPORT.html [--screenshot OUT.png] [--status S]");
  return found;
}

// What the page shows now: the rows a reader can see, and the shown count.
async function visible(page) {
  return page.evaluate(() => ({
    visible: [...document.querySelectorAll("[data-rule]")]
      .filter((row) => row.checkVisibility())
      .map((row) => row.dataset.rule),
    shown_count: document.getElementById("shown-count").textContent,
    no_match_visible: document.getElementById("no-match").checkVisibility(),
  }));
}

async function choose(page, section, status) {
  await page.selectOption("#filter-section", section);
  await page.selectOption("#filter-status", status);
  return { section, status, ...(await visible(page)) };
}

async function watch(context, url, seen) {
  const page = await context.newPage();
  page.on("request", (request) => {
    if (request.url() !== url) seen.requests.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error") seen.errors.push(message.text());
  });
  page.on("pageerror", (error) => seen.errors.push(String(error)));
  await page.goto(url, { waitUntil: "load" });
  return page;
}

async function read(page) {
  return page.evaluate(() => {
    const number = (element) => Number.parseInt(element.textContent.trim(), 10);
    const counts = {};
    for (const tile of document.querySelectorAll("#summary .tiles [data-count]")) {
      counts[tile.dataset.count] = number(tile.querySelector(".n"));
    }
    const sections = {};
    for (const row of document.querySelectorAll("[data-count-section]")) {
      sections[row.dataset.countSection] = {};
      for (const cell of row.querySelectorAll("td[data-count]")) {
        sections[row.dataset.countSection][cell.dataset.count] = number(cell);
      }
    }
    return {
      title: document.title,
      verdict: document.getElementById("verdict").textContent.trim(),
      verdict_colour: getComputedStyle(document.getElementById("verdict")).color,
      ink_colour: getComputedStyle(document.body).color,
      replay: document.getElementById("replay").textContent,
      counts,
      section_counts: sections,
      rows: [...document.querySelectorAll("[data-rule]")].map((row) => ({
        rule: row.dataset.rule,
        section: row.dataset.section,
        status: row.dataset.status,
      })),
      checks: [...document.querySelectorAll("[data-check]")].map((item) => ({
        check: item.dataset.check,
        status: item.dataset.status,
      })),
      filters_visible: document.getElementById("filters").checkVisibility(),
      sections_offered: [...document.querySelectorAll("#filter-section option")].map((o) => o.value),
      statuses_offered: [...document.querySelectorAll("#filter-status option")].map((o) => o.value),
      copy_buttons: [...document.querySelectorAll("[data-copy]")].map((b) => b.dataset.copy),
      // Lines that do not fit are scrolled, never wrapped: a reproduction is as wide as its text.
      scripts_unwrapped: [...document.querySelectorAll("pre.script")].every(
        (pre) => getComputedStyle(pre).whiteSpace === "pre"
      ),
    };
  });
}

async function copies(page, ids) {
  const found = [];
  for (const id of ids) {
    const button = page.locator(`[data-copy="${id}"]`);
    const expected = await page.locator(`#${id}`).textContent();
    await page.evaluate(() => navigator.clipboard.writeText("(not copied)"));
    await button.scrollIntoViewIfNeeded();
    await button.click();
    await page.waitForSelector(`[data-copy="${id}"][data-state]`, { timeout: 5000 });
    found.push({
      copy: id,
      expected,
      clipboard: await page.evaluate(() => navigator.clipboard.readText()),
      state: await button.getAttribute("data-state"),
      label: await button.textContent(),
    });
  }
  return found;
}

async function main() {
  const given = options(process.argv.slice(2));
  const url = pathToFileURL(path.resolve(given.html)).href;
  const seen = { requests: [], errors: [] };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ARGS,
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      colorScheme: "light",
      permissions: ["clipboard-read", "clipboard-write"],
    });
    const page = await watch(context, url, seen);
    const result = { url, ...(await read(page)), ...(await visible(page)) };
    if (given.screenshot) {
      // Before anything is clicked, so that the page is as a reader first meets it.
      await page.selectOption("#filter-status", given.status);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.screenshot({
        path: given.screenshot,
        fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height: Math.min(height, SCREENSHOT_HEIGHT) },
      });
      await page.selectOption("#filter-status", "");
      result.screenshot = given.screenshot;
    }
    result.filtered = [];
    for (const status of result.statuses_offered.filter(Boolean)) {
      result.filtered.push(await choose(page, "", status));
    }
    for (const section of result.sections_offered.filter(Boolean)) {
      result.filtered.push(await choose(page, section, ""));
      result.filtered.push(await choose(page, section, "failed"));
    }
    // The tile of a verdict chooses it as the filter.
    await page.click('#summary a[data-filter-status="failed"]');
    result.tile_failed = await visible(page);
    await page.click("#filters .reset");
    await page.waitForFunction(() => !document.getElementById("filter-status").value);
    result.after_reset = await visible(page);
    result.copies = await copies(page, result.copy_buttons);

    // The fallback: no clipboard API, so the text is selected for the reader to copy.
    const bare = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await bare.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
    });
    const fallbackPage = await watch(bare, url, seen);
    const id = result.copy_buttons.at(-1);
    await fallbackPage.click(`[data-copy="${id}"]`);
    await fallbackPage.waitForSelector(`[data-copy="${id}"][data-state]`, { timeout: 5000 });
    result.fallback = {
      copy: id,
      expected: await fallbackPage.locator(`#${id}`).textContent(),
      selected: await fallbackPage.evaluate(() => window.getSelection().toString()),
      state: await fallbackPage.getAttribute(`[data-copy="${id}"]`, "data-state"),
    };
    await bare.close();

    const still = await browser.newContext({ javaScriptEnabled: false });
    const stillPage = await watch(still, url, seen);
    result.without_js = {
      ...(await visible(stillPage)),
      filters_visible: await stillPage.locator("#filters").isVisible(),
      copy_buttons_visible: await stillPage.locator("[data-copy]:visible").count(),
    };
    await still.close();

    result.requests = seen.requests;
    result.errors = seen.errors;
    await context.close();
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  } finally {
    await browser.close();
  }
}

const timer = setTimeout(() => {
  process.stderr.write(`report_page.mjs: no result after ${TIME_LIMIT_MS / 1000} s\n`);
  process.exit(2);
}, TIME_LIMIT_MS);
main().then(
  () => clearTimeout(timer),
  (error) => {
    process.stderr.write(`report_page.mjs: ${error.stack || error}\n`);
    process.exit(1);
  }
);
