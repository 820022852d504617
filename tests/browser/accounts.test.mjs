// Accounts in a real browser: an admin creates a coordinator account (its temporary password
// shown once works at the sign-in form), disables it (its session ends) and enables it, and
// gives it a new password, each through a confirmation; a coordinator sees no admin part,
// changes their own password (too short, and a wrong current one, refused first) and signs out
// everywhere, which ends this session and the others. axe-core checks the view and its dialog
// at desktop and phone size.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots are kept there).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactDir, axeViolations, launchBrowser, newAxePage, openDashboardView, request, serverBin,
  startDemoServer, stopAll,
} from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-konton-2026';
const ADMIN = 'it-admin';
const ADMIN_PASSWORD = 'Vindeln-admin-2026';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let tmp;
let db;
let server;
let base;
let browser;

before(async () => {
  ({ tmp, db, server, base } = await startDemoServer({
    name: 'accounts', user: USER, password: PASSWORD, responsesPerWave: 10,
  }));
  execFileSync(serverBin, ['--db', db, 'admin', 'create-admin', ADMIN], {
    env: { ...process.env, TD_ADMIN_PASSWORD: ADMIN_PASSWORD },
  });
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

const signIn = async (user, password) => request(base, 'POST', '/api/v1/auth/login', { username: user, password });
const row = (page, user) => page.locator(`#accounts-table tr[data-account="${user}"]`);
const status = (page, text) => page.waitForFunction((t) => document.getElementById('status').textContent.includes(t), text);

test('an admin creates, disables, enables and resets a coordinator account', async () => {
  const page = await newAxePage(browser, DESKTOP);
  await openDashboardView(page, base, ADMIN, ADMIN_PASSWORD, 'account', 'accounts-view');
  assert.match(await page.locator('#accounts-view').textContent(), /Inloggad som it-admin \(administratör\)/);
  await page.fill('#account-form input[name=username]', 'karin');
  await page.click('#account-form button[type=submit]');
  await status(page, 'Samordnarkontot karin är skapat');
  const temporary = (await page.locator('#temporary-password .enrol-code').textContent()).trim();
  assert.match(temporary, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  assert.match(await row(page, 'karin').textContent(), /^karinsamordnare\d{4}-\d{2}-\d{2} \d{2}:\d{2}Aktivt0/);
  assert.match(await row(page, ADMIN).textContent(), /Hanteras från kommandoraden/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(artifactDir, 'accounts-admin-1366.png'), fullPage: true });

  const karin = await signIn('karin', temporary);
  assert.equal(karin.status, 200, karin.text);
  const karinToken = karin.json().token;

  // Disable after the confirmation: her session ends and she cannot sign in; enable again.
  await row(page, 'karin').locator('button.disable').click();
  await page.waitForSelector('#account-dialog[open]');
  assert.deepEqual(await axeViolations(page), []);
  await page.click('#account-dialog-confirm');
  await status(page, 'karin är inaktiverat');
  assert.match(await row(page, 'karin').textContent(), /Inaktiverat/);
  assert.equal((await request(base, 'GET', '/api/v1/campaigns', undefined, karinToken)).status, 401);
  assert.equal((await signIn('karin', temporary)).status, 401);
  await row(page, 'karin').locator('button.enable').click();
  await status(page, 'karin är aktiverat');
  assert.equal((await signIn('karin', temporary)).status, 200);

  // A new password: the old one stops working.
  await row(page, 'karin').locator('button.reset').click();
  await page.click('#account-dialog-confirm');
  await status(page, 'karin har fått ett nytt tillfälligt lösenord');
  const second = (await page.locator('#temporary-password .enrol-code').textContent()).trim();
  assert.notEqual(second, temporary);
  assert.equal((await signIn('karin', temporary)).status, 401);
  assert.equal((await signIn('karin', second)).status, 200);

  const actions = JSON.parse(execFileSync('sqlite3', ['-json', db,
    "SELECT action FROM audit_log WHERE target = 'karin' ORDER BY seq"]).toString()).map((e) => e.action);
  assert.deepEqual(actions, ['account.create', 'account.disable', 'account.enable', 'account.reset_password']);
  await page.context().close();
});

test('a coordinator changes their password and signs out everywhere', async () => {
  const other = await signIn(USER, PASSWORD); // a session on another computer
  const page = await newAxePage(browser, DESKTOP);
  await openDashboardView(page, base, USER, PASSWORD, 'account', 'accounts-view');
  assert.equal(await page.locator('#accounts-table').count(), 0, 'no admin part for a coordinator');

  const fill = async (current, next, repeat = next) => {
    await page.fill('#password-form input[name=current_password]', current);
    await page.fill('#password-form input[name=new_password]', next);
    await page.fill('#password-form input[name=repeat_password]', repeat);
    await page.click('#password-form button[type=submit]');
  };
  const message = (text) => page.waitForFunction((t) => document.getElementById('password-message')?.textContent.includes(t), text);
  await fill(PASSWORD, 'elva tecken');
  await message('minst 12 tecken');
  await fill('fel lösenord!', 'ett längre lösenord');
  await message('Det nuvarande lösenordet stämmer inte');
  await fill(PASSWORD, 'ett längre lösenord');
  await message('Lösenordet är bytt');
  assert.equal((await request(base, 'GET', '/api/v1/campaigns', undefined, other.json().token)).status, 401);
  assert.equal((await signIn(USER, PASSWORD)).status, 401);
  const third = await signIn(USER, 'ett längre lösenord');
  assert.equal(third.status, 200);

  await page.click('#sign-out-everywhere');
  await page.waitForSelector('#sign-out-dialog[open]');
  assert.deepEqual(await axeViolations(page), []);
  await page.click('#sign-out-dialog-confirm');
  await page.waitForSelector('#login-view:not([hidden])');
  assert.equal((await request(base, 'GET', '/api/v1/campaigns', undefined, third.json().token)).status, 401);
  await page.context().close();
});

test('the view at phone size, in English, fits 390 px and passes axe', async () => {
  const page = await newAxePage(browser, PHONE);
  await openDashboardView(page, base, ADMIN, ADMIN_PASSWORD, 'account', 'accounts-view');
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#accounts-view h2')?.textContent === 'My account');
  assert.deepEqual(await axeViolations(page), []);
  const width = await page.evaluate(() => document.querySelector('#accounts-view').scrollWidth);
  assert.ok(width <= 390, `the view is ${width} px wide`);
  await page.screenshot({ path: path.join(artifactDir, 'accounts-390.png'), fullPage: true });
  await page.context().close();
});

test('the accessibility statement is linked from /public, in both languages, and passes axe', async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await newAxePage(browser, viewport);
    await page.goto(`${base}/public`);
    await page.click('#accessibility-link');
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(new URL(page.url()).pathname, '/tillganglighet');
    assert.equal(await page.locator('h1').textContent(), 'Tillgänglighetsredogörelse');
    assert.match(await page.locator('main').textContent(), /Digg/);
    assert.deepEqual(await axeViolations(page), []);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `the page is ${width} px wide`);
    await page.goto(`${base}/tillganglighet?lang=en`);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('h1').textContent(), 'Accessibility statement');
    await page.screenshot({ path: path.join(artifactDir, `accessibility-${viewport.width}.png`), fullPage: true });
    await page.context().close();
  }
});
