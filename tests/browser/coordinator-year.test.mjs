// A coordinator who has never used curl starts a survey round from the dashboard alone: creates
// a campaign and prints its poster (the QR code decoded from the printed PDF), makes an officer
// code, and the real app core (td_e2e_device) enrols from the link read off the page — nobody
// types the server's address — answers three responses and syncs them. The coordinator then sees
// the device's reported status and its responses arrive, and closes the campaign.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR, TD_E2E_DEVICE (the headless app-core device).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { artifactDir, launchBrowser, logIn, request, startDemoServer, stopAll } from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-hela-aret-2026';
const CODE = 'VINDELN-HOST-2026';
const device = process.env.TD_E2E_DEVICE;

let tmp;
let server;
let base;
let browser;
let token;

before(async () => {
  assert.ok(device, 'TD_E2E_DEVICE must be set');
  ({ tmp, server, base, coordinatorToken: token } = await startDemoServer({
    name: 'coordinator-year', user: USER, password: PASSWORD, responsesPerWave: 10,
  }));
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

// The text zbarimg reads from the PNG `file`.
const decodeQr = (file) => execFileSync('zbarimg', ['--quiet', '--raw', file]).toString().trim();

async function tab(page, hash, viewId) {
  await page.click(`a[href="#${hash}"]`);
  await page.waitForSelector(`#${viewId}[data-loaded="true"]`);
}

test('campaign and poster, an officer device enrolled from the page, responses, closed', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await logIn(page, base, USER, PASSWORD);
  await page.waitForSelector('#dashboard-view:not([hidden])');

  // 1. The campaign and its poster.
  await tab(page, 'campaigns', 'campaigns-view');
  await page.fill('#campaign-form input[name=name_sv]', 'Trygghetsenkät hösten 2026');
  const survey = await page.$eval('#campaign-form select[name=survey]', (s) =>
    [...s.options].map((o) => o.value).find((v) => v.startsWith('trygghetsenkat_vindeln@')));
  await page.selectOption('#campaign-form select[name=survey]', survey);
  await page.fill('#campaign-form input[name=period_start]', '2026-11-01');
  await page.fill('#campaign-form input[name=period_end]', '2027-01-31');
  await page.fill('#campaign-form input[name=public_code]', CODE);
  await page.click('#campaign-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('är skapad och öppen')
    || !document.getElementById('campaign-form-error').hidden);
  assert.equal(await page.locator('#campaign-form-error').isHidden(), true, await page.locator('#campaign-form-error').textContent());
  const campaign = (await request(base, 'GET', '/api/v1/campaigns', undefined, token)).json().campaigns
    .find((c) => c.public_code === CODE);
  const row = page.locator(`#campaigns-table tr[data-campaign="${campaign.id}"]`);
  const [poster] = await Promise.all([page.waitForEvent('popup'), row.locator('button.poster').click()]);
  await poster.waitForSelector('body[data-ready="true"]');
  const pdf = path.join(artifactDir, 'year-poster.pdf');
  await poster.pdf({ path: pdf, format: 'A4', printBackground: true });
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, path.join(artifactDir, 'year-poster')]);
  assert.equal(decodeQr(path.join(artifactDir, 'year-poster.png')), `${base}/s/${CODE}`);
  await poster.close();

  // 2. An officer code; the app core enrols from the link on the page, answers and syncs.
  await tab(page, 'devices', 'devices-view');
  await page.click('#code-form button[type=submit]');
  await page.waitForSelector('#code-result');
  const link = await page.locator('#code-link').textContent();
  await page.locator('#code-qr').screenshot({ path: path.join(artifactDir, 'year-code-qr.png') });
  assert.equal(decodeQr(path.join(artifactDir, 'year-code-qr.png')), link);
  const dataDir = path.join(tmp, 'device');
  const run = execFileSync(device, ['--data-dir', dataDir, '--enrol-link', link, '--answer', '3',
    '--campaign', campaign.id, '--seed', '11', '--sync'], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } }).toString();
  fs.writeFileSync(path.join(artifactDir, 'year-device.log'), run);
  assert.match(run, /^enrolled$/m);
  assert.match(run, /^sync-end ok pending=0$/m);

  // 3. The device's status and its responses arrive; then the campaign closes.
  await page.reload();
  await tab(page, 'devices', 'devices-view');
  const deviceRow = page.locator('#devices-table tbody tr').first();
  const cells = await deviceRow.locator('td').allTextContents();
  assert.match(cells[1], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'last sync');
  assert.equal(cells[2], '3', 'the outbox it reported with its push');
  assert.match(cells[3], /^\d+\.\d+\.\d+$/, 'its app version');
  await page.screenshot({ path: path.join(artifactDir, 'year-devices.png'), fullPage: true });

  await tab(page, 'campaigns', 'campaigns-view');
  await row.locator('button.show-counts').click();
  await page.waitForSelector('#campaign-counts');
  const byChannel = await page.$$eval('#counts-by-channel tbody tr', (rows) => rows.map((r) => r.textContent));
  assert.ok(byChannel.includes('Enkät på polisens enhet3'), byChannel.join(' | '));
  assert.ok(byChannel.includes('Totalt3'), byChannel.join(' | '));
  await row.locator('button.close-now').click();
  await page.click('#close-dialog-confirm');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('är stängd'));
  assert.equal((await request(base, 'GET', `/api/v1/campaigns/${campaign.id}`, undefined, token)).json().status, 'closed');
  await page.screenshot({ path: path.join(artifactDir, 'year-closed.png'), fullPage: true });
  await context.close();
});
