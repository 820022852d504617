// What every browser suite shares: the environment CMake sets, playwright-core from the
// dashboard's node_modules, a real td-sync-server on a free loopback port over a fresh database
// holding the Vindeln demo data with a coordinator and an officer enrolment code, Debian's
// chromium, and the dashboard login.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots, downloads and server logs go there).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
};
export const serverBin = env('TD_SERVER_BIN');
export const sourceDir = env('TD_SOURCE_DIR');
export const referenceDir = env('TD_REFERENCE_DATA_DIR');
export const artifactDir = env('TD_ARTIFACT_DIR');
const require = createRequire(path.join(sourceDir, 'dashboard', 'package.json'));
const { chromium } = require('playwright-core');

/// A UUIDv7 (RFC 9562) for records the tests push; `offsetMs` moves its time stamp.
export function uuidv7(offsetMs = 0) {
  const hex = (Date.now() + offsetMs).toString(16).padStart(12, '0');
  const rand = [...crypto.getRandomValues(new Uint8Array(10))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${rand.slice(0, 3)}-${((parseInt(rand[3], 16) & 3) | 8).toString(16)}${rand.slice(4, 7)}-${rand.slice(7, 19)}`;
}

/// One JSON request to the server at `base`; the answer's text is kept for assertion messages.
export async function request(base, method, route, body, token) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(base + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

/// Starts td-sync-server on `db`; `listen` may name the port of an earlier run (to restart
/// it where a browser knew it), `dashboardDir` the web files (the source's by default).
export function startServer(db, logName, extraArgs = [], { listen = '127.0.0.1:0', dashboardDir } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(serverBin, ['--db', db, '--listen', listen, ...extraArgs], {
      env: { ...process.env, TD_DASHBOARD_DIR: dashboardDir ?? path.join(sourceDir, 'dashboard') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.pipe(fs.createWriteStream(path.join(artifactDir, logName)));
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const listening = /"listening":"([^"]+)"/.exec(line);
      if (listening) resolve({ child, address: listening[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/// Loads the demo data (`responsesPerWave` per survey wave) into a fresh database, creates the
/// coordinator `user` and an officer enrolment code, starts the server (with `serverArgs`
/// added to its command line, and `dashboardDir` as its web files) and logs in. Returns
/// { tmp, db, server, base, coordinatorToken, officerCode }.
export async function startDemoServer({ name, user, password, responsesPerWave, serverArgs = [], dashboardDir }) {
  fs.mkdirSync(artifactDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `td-${name}-`));
  const db = path.join(tmp, 'server.sqlite');
  execFileSync(serverBin, ['--db', db, 'demo-data', 'load', '--responses-per-wave', String(responsesPerWave),
    '--content', path.join(sourceDir, 'shared', 'content'),
    '--population', path.join(referenceDir, 'vindeln.json')]);
  execFileSync(serverBin, ['--db', db, 'admin', 'create-coordinator', user], {
    env: { ...process.env, TD_ADMIN_PASSWORD: password },
  });
  const officerCode = execFileSync(serverBin, ['--db', db, 'admin', 'create-enrolment-code', '--role', 'officer']).toString().trim();
  const started = await startServer(db, `${name}-server.log`, serverArgs, { dashboardDir });
  const base = `http://${started.address}`;
  const login = await request(base, 'POST', '/api/v1/auth/login', { username: user, password });
  assert.equal(login.status, 200, login.text);
  return { tmp, db, server: started.child, base, coordinatorToken: login.json().token, officerCode };
}

/// Debian's chromium, headless, with nothing that reaches the internet.
export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/// Closes what startDemoServer and launchBrowser opened; any of them may be missing.
export async function stopAll({ browser, server, tmp }) {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}

/// Fills in and submits the dashboard's login form on `page`.
export async function logIn(page, base, user, password) {
  await page.goto(base + '/');
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#login-form button[type=submit]');
}

/// The WCAG 2.1 A and AA violations axe-core finds on `page` (its context must bypass the
/// page's CSP so that axe can be injected), as "rule: target" strings. axe is injected once
/// per document.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/// A page of its own context whose CSP lets axe-core be injected (everything else keeps it).
export async function newAxePage(browser, viewport) {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  return context.newPage();
}

/// Signs in on `page` and opens the dashboard view of the tab `#hash` (section `viewId`),
/// waiting until it has loaded.
export async function openDashboardView(page, base, user, password, hash, viewId) {
  await logIn(page, base, user, password);
  await page.waitForSelector('#dashboard-view:not([hidden])');
  await page.click(`a[href="#${hash}"]`);
  await page.waitForSelector(`#${viewId}[data-loaded="true"]`);
}
