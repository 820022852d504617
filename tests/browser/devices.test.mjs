// Devices in a real browser: a coordinator makes a one-time kiosk code, shown as text and as a
// QR code (read back from a screenshot with zbarimg) of the enrolment link, which opens a page
// naming the server's address and the code; the device list shows each device's last sync, the
// records waiting on it and its app version as its pushes report them ("not reported" for an
// older app); a device is revoked through a confirmation dialog and can then no longer push.
// axe-core checks the view, the dialog and the enrolment page at desktop and phone size.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots are kept there).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactDir, axeViolations, launchBrowser, newAxePage, openDashboardView, request, startDemoServer, stopAll,
  uuidv7,
} from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-enheter-2026';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let tmp;
let db;
let server;
let base;
let browser;
let token;

const api = (method, route, body, bearer = token) => request(base, method, route, body, bearer);

before(async () => {
  ({ tmp, db, server, base, coordinatorToken: token } = await startDemoServer({
    name: 'devices', user: USER, password: PASSWORD, responsesPerWave: 10,
  }));
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

const openView = (page) => openDashboardView(page, base, USER, PASSWORD, 'devices', 'devices-view');

// Enrols a device with `code` and pushes one response to the open 2025 survey campaign, with
// the device report `report` (app_version, pending) or none, as an older app would.
async function enrolAndPush(code, label, report) {
  const enrol = await api('POST', '/api/v1/devices/enrol', { code, label }, undefined);
  assert.equal(enrol.status, 201, enrol.text);
  const campaign = (await api('GET', '/api/v1/campaigns')).json().campaigns
    .find((c) => c.status === 'open' && c.channels.includes('survey'));
  const id = uuidv7();
  const body = {
    id, campaign_id: campaign.id, survey_id: campaign.survey_id, survey_version: campaign.survey_version,
    channel: 'survey', submitted_at: new Date().toISOString(), locale: 'sv',
    answers: { q_trygg_dag: 2, q_trygg_kvall: 3, q_otrygga_platser_finns: false },
  };
  const push = await api('POST', '/api/v1/sync/push',
    { ...report, records: [{ kind: 'response', id, rev: 1, hlc: `${Date.now()}-0000-test`, body }] }, enrol.json().token);
  assert.equal(push.status, 200, push.text);
  assert.equal(push.json().results[0].status, 'stored', push.text);
  return { deviceId: enrol.json().device_id, deviceToken: enrol.json().token };
}

const deviceRow = (page, id) => page.locator(`#devices-table tr[data-device="${id}"]`);

test('codes with their link and QR code, the device list, and a revocation', async () => {
  const page = await newAxePage(browser, DESKTOP);
  await openView(page);
  assert.deepEqual(await axeViolations(page), []);

  await page.selectOption('#code-form select[name=role]', 'kiosk');
  await page.selectOption('#code-form select[name=lifetime]', '3600');
  await page.click('#code-form button[type=submit]');
  await page.waitForSelector('#code-result');
  const code = await page.locator('#new-code').textContent();
  assert.match(code, /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  const link = await page.locator('#code-link').textContent();
  assert.equal(link, `${base}/enrol#code=${code}`);
  assert.match(await page.locator('#code-result').textContent(), /Ny kod \(Kiosk för medborgardialog\)/);
  assert.match(await page.locator('#code-result').textContent(), /Gäller till och med \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  const qr = path.join(artifactDir, 'enrolment-qr.png');
  await page.locator('#code-qr').screenshot({ path: qr });
  assert.equal(execFileSync('zbarimg', ['--quiet', '--raw', qr]).toString().trim(), link);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(artifactDir, 'devices-code-1366.png'), fullPage: true });

  // The link opened in a browser: the address and the code to type into the app.
  const enrolPage = await newAxePage(browser, PHONE);
  await enrolPage.goto(link);
  await enrolPage.waitForSelector('body[data-ready="true"]');
  assert.equal(await enrolPage.locator('#enrol-server-sv').textContent(), base);
  assert.equal(await enrolPage.locator('#enrol-code-sv').textContent(), code);
  assert.equal(await enrolPage.locator('#enrol-missing-sv').isHidden(), true);
  assert.deepEqual(await axeViolations(enrolPage), []);
  await enrolPage.screenshot({ path: path.join(artifactDir, 'enrol-page-390.png'), fullPage: true });
  await enrolPage.context().close();

  // A new app reports its version and outbox on each push; an older one does not.
  const kiosk = await enrolAndPush(code, 'Kiosk biblioteket', { app_version: '0.9.1', pending: 4 });
  const olderCode = (await api('POST', '/api/v1/enrolment-codes', { role: 'officer' })).json().code;
  const older = await enrolAndPush(olderCode, 'Äldre surfplatta', {});
  await page.reload();
  await page.click('a[href="#devices"]');
  await page.waitForSelector('#devices-view[data-loaded="true"]');
  const kioskText = await deviceRow(page, kiosk.deviceId).textContent();
  assert.match(kioskText, /Kiosk biblioteket/);
  assert.match(kioskText, /0\.9\.1/);
  assert.match(kioskText, /Aktiv/);
  assert.equal(await deviceRow(page, kiosk.deviceId).locator('td').nth(2).textContent(), '4');
  assert.match(await deviceRow(page, kiosk.deviceId).locator('td').nth(1).textContent(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  const olderCells = await deviceRow(page, older.deviceId).locator('td').allTextContents();
  assert.equal(olderCells[2], 'Inte rapporterat');
  assert.equal(olderCells[3], 'Inte rapporterat');
  assert.match(olderCells[1], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'its last sync is still known');
  await page.screenshot({ path: path.join(artifactDir, 'devices-1366.png'), fullPage: true });

  // Revocation: cancelling changes nothing; confirming stops the device's pushes.
  await deviceRow(page, kiosk.deviceId).locator('button.revoke').click();
  await page.waitForSelector('#revoke-dialog[open]');
  assert.deepEqual(await axeViolations(page), []);
  await page.click('#revoke-dialog-cancel');
  assert.match(await deviceRow(page, kiosk.deviceId).textContent(), /Aktiv/);
  await deviceRow(page, kiosk.deviceId).locator('button.revoke').click();
  await page.click('#revoke-dialog-confirm');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('är återkallad'));
  assert.match(await deviceRow(page, kiosk.deviceId).textContent(), /Återkallad \d{4}-\d{2}-\d{2}/);
  assert.equal(await deviceRow(page, kiosk.deviceId).locator('button.revoke').count(), 0);
  const refused = await api('POST', '/api/v1/sync/push', { records: [] }, kiosk.deviceToken);
  assert.equal(refused.status, 401);

  const audit = execFileSync('sqlite3', ['-json', db, `SELECT action, target FROM audit_log WHERE action IN ('enrolment_code.create', 'device.revoke') AND actor_name = '${USER}' ORDER BY seq`]).toString();
  const entries = JSON.parse(audit);
  assert.equal(entries.filter((e) => e.action === 'enrolment_code.create').length, 2);
  assert.deepEqual(entries.filter((e) => e.action === 'device.revoke').map((e) => e.target), [kiosk.deviceId]);
  await page.context().close();
});

test('the view at phone size, in English with an en-US browser, fits 390 px and passes axe', async () => {
  const context = await browser.newContext({ viewport: PHONE, bypassCSP: true, locale: 'en-US', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await openView(page);
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#devices-view h2')?.textContent === 'One-time codes for new devices');
  await page.click('#code-form button[type=submit]');
  await page.waitForSelector('#code-result');
  // Dates stay åååå-mm-dd hh:mm in Swedish time whatever the browser's locale.
  assert.match(await page.locator('#code-result').textContent(), /Valid until \d{4}-\d{2}-\d{2} \d{2}:\d{2}\./);
  assert.equal(await page.locator('input[type=date]').count(), 0, 'no date field follows the browser locale');
  assert.deepEqual(await axeViolations(page), []);
  const width = await page.evaluate(() => document.querySelector('#devices-view').scrollWidth);
  assert.ok(width <= 390, `the view is ${width} px wide`);
  await page.screenshot({ path: path.join(artifactDir, 'devices-390.png'), fullPage: true });
  await page.context().close();
});
