// What the web survey's browser tests share: the build's web files (with the WebAssembly
// model), axe-core in the page, the touch-target check, reading the server's SQLite file, and
// answering a question of each type the way a resident does.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sourceDir } from './harness.mjs';

/// The build tree's dashboard directory: the source's public/ and the built wasm/.
export const webDir = process.env.TD_WEB_DIR;
export const CODE = 'VINDELN-2025';
export const CLOSED_CODE = 'VINDELN-2022';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

const axeSource = fs.readFileSync(path.join(sourceDir, 'dashboard', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/// WCAG 2.1 A and AA violations on the page (axe-core, evaluated through the debugging
/// protocol so the page's own CSP stays in force).
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/// Visible controls smaller than 44 × 44 CSS pixels (the page promises 48).
export async function smallTargets(page) {
  return page.$$eval('button, main a, label.option, input[type=text], input[type=search], input:not([type]), textarea', (els) => els
    .filter((e) => e.getClientRects().length > 0)
    .map((e) => {
      const r = e.getBoundingClientRect();
      return { what: `${e.tagName} ${e.id || e.textContent.trim().slice(0, 30)}`, width: Math.round(r.width), height: Math.round(r.height) };
    })
    .filter((r) => r.width < 44 || r.height < 44));
}

/// Checks axe and target sizes on what the page shows now, and keeps a screenshot.
export async function checkPage(page, shot, artifactDir) {
  assert.deepEqual(await axeViolations(page), [], shot);
  assert.deepEqual(await smallTargets(page), [], shot);
  await page.screenshot({ path: path.join(artifactDir, `${shot}.png`), fullPage: true });
}

/// One row of SQL against the server's database file (the sqlite3 shell, JSON mode).
export function sql(db, query) {
  const out = execFileSync('sqlite3', ['-json', db, query]).toString().trim();
  return out ? JSON.parse(out) : [];
}

/// The id of the question the page shows, from its title's id ("q-<id>-title").
export async function currentQuestion(page) {
  const handle = await page.waitForSelector('main h2.question-text, main #review-title');
  const id = await handle.getAttribute('id');
  return id === 'review-title' ? '#review' : id.slice(2, -'-title'.length);
}

export async function next(page) {
  const before = await currentQuestion(page);
  await page.click('#next');
  await page.waitForFunction((old) => {
    const h = document.querySelector('main h2.question-text, main #review-title');
    return h && h.id !== `q-${old}-title`;
  }, before);
}

/// Option `index` of question `id` (a radio or checkbox), clicked on its label.
export async function choose(page, id, ...indexes) {
  for (const index of indexes) await page.click(`label[for="q-${id}-o${index}"]`);
}

/// Runs the survey page to page: `plan[id](page)` answers a question (it may itself leave the
/// page); questions without a plan are skipped with Next. Stops when `until(id)` is true or at
/// the review page. Returns the ids seen.
export async function walk(page, plan, until = () => false) {
  const seen = [];
  for (;;) {
    const id = await currentQuestion(page);
    if (id === '#review' || until(id)) return seen;
    seen.push(id);
    if (plan[id]) await plan[id](page);
    if ((await currentQuestion(page)) === id) await next(page);
  }
}

/// Waits until the service worker controls the page and holds the page, the survey and the
/// model (so the survey opens with no network).
export async function waitUntilCachedForOffline(page, code = CODE) {
  await page.waitForFunction(async (c) => {
    if (!navigator.serviceWorker.controller) return false;
    const cache = await caches.open('td-survey-v1');
    const wanted = ['/s/', `/api/v1/web-surveys/${c}`, '/s/td-model.wasm', '/s/app.js', '/s/i18n/sv.json'];
    const found = await Promise.all(wanted.map((u) => cache.match(u, { ignoreVary: true })));
    return found.every(Boolean);
  }, code, { polling: 200, timeout: 30000 });
}

/// What this browser keeps for the survey (IndexedDB), read in the page.
export function stored(page, storeName) {
  return page.evaluate((name) => new Promise((resolve, reject) => {
    const open = indexedDB.open('trygghetsdialog-survey');
    open.onsuccess = () => {
      const req = open.result.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    };
    open.onerror = () => reject(open.error);
  }), storeName);
}

/// Chromium DevTools' "Slow 3G" profile (devtools-frontend NetworkManager: 500 kbit/s × 0.8 each
/// way, 400 ms × 5 latency).
export const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: (500 * 1000) / 8 * 0.8, uploadThroughput: (500 * 1000) / 8 * 0.8 };

/// Opens `url` in a fresh context (nothing cached, no service worker yet) with `network`
/// conditions (none: unthrottled) and measures, from the navigation's start: `firstMs` until
/// `readySelector` is in the page, `firstBytes` transferred (compressed, with headers) by then,
/// and when `wasm` is set, `wasmMs` until td-model.wasm has arrived and `wasmBytes` its size.
export async function measureLoad(browser, url, { network, readySelector, wasm = false }) {
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  const urls = new Map();
  const finished = [];
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => finished.push({ url: urls.get(e.requestId), bytes: e.encodedDataLength, at: performance.now() }));
  const start = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(readySelector, { timeout: 120000 });
  const firstAt = performance.now();
  const result = { firstMs: firstAt - start };
  const before = finished.filter((f) => f.at <= firstAt && !f.url.endsWith('.wasm'));
  result.firstBytes = before.reduce((sum, f) => sum + f.bytes, 0);
  result.firstFiles = before.map((f) => `${f.url} ${f.bytes}`);
  if (wasm) {
    const deadline = Date.now() + 120000;
    let model;
    while (!(model = finished.find((f) => f.url.endsWith('/s/td-model.wasm'))) && Date.now() < deadline) await page.waitForTimeout(50);
    assert.ok(model, 'td-model.wasm arrived');
    result.wasmMs = model.at - start;
    result.wasmBytes = model.bytes;
  }
  result.origins = [...new Set(finished.map((f) => new URL(f.url).origin))];
  await context.close();
  return result;
}

/// Waits until the page holds a resident token (it enrols after the first question shows).
export async function waitForToken(page) {
  for (let i = 0; i < 300; i += 1) {
    const tokens = await stored(page, 'tokens');
    if (tokens.length) return tokens[0];
    await page.waitForTimeout(100);
  }
  return assert.fail('the page got no resident token');
}
