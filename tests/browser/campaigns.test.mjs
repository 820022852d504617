// Campaigns in a real browser: a coordinator creates a campaign from a published survey version
// (refused first with a malformed date and a public code in use), prints its A4 poster — the PDF
// chromium prints is rasterised with pdftoppm and its QR code decoded with zbarimg, and must
// carry the resident link — sees responses pushed by a device counted per channel and per day,
// closes it to new respondents (the web survey and resident enrolment refuse, a device's queued
// response is still taken) and then closes it completely (the device is refused). Every step is
// in the audit log. axe-core checks the view, its dialogs and the poster at desktop and phone size.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots, the poster PDF and PNG are kept there).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactDir, axeViolations, launchBrowser, newAxePage, openDashboardView, request, startDemoServer, stopAll,
  uuidv7,
} from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-omgangar-2026';
const CODE = 'VINDELN-2026';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let tmp;
let db;
let server;
let base;
let browser;
let token;
let officerCode;
let officer;

const api = (method, route, body, bearer = token) => request(base, method, route, body, bearer);

before(async () => {
  ({ tmp, db, server, base, coordinatorToken: token, officerCode } = await startDemoServer({
    name: 'campaigns', user: USER, password: PASSWORD, responsesPerWave: 20,
  }));
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

function sql(query) {
  const out = execFileSync('sqlite3', ['-json', db, query]).toString().trim();
  return out ? JSON.parse(out) : [];
}

// A valid response to the campaign `c` given `daysAgo` days before now.
function response(c, daysAgo) {
  return {
    id: uuidv7(-daysAgo * 86400000),
    campaign_id: c.id,
    survey_id: c.survey_id,
    survey_version: c.survey_version,
    channel: 'survey',
    submitted_at: new Date(Date.now() - daysAgo * 86400000).toISOString(),
    locale: 'sv',
    answers: { q_trygg_dag: 2, q_trygg_kvall: 3, q_otrygga_platser_finns: false },
  };
}

async function push(c, daysAgo = 0) {
  const body = response(c, daysAgo);
  const res = await api('POST', '/api/v1/sync/push',
    { records: [{ kind: 'response', id: body.id, rev: 1, hlc: `${Date.now()}-0000-test`, body }] }, officer);
  assert.equal(res.status, 200, res.text);
  const result = res.json().results[0];
  return result.status === 'rejected' ? result.reason.code : result.status;
}

const openView = (page) => openDashboardView(page, base, USER, PASSWORD, 'campaigns', 'campaigns-view');

const row = (page) => page.locator(`#campaigns-table tr[data-campaign="${campaignId()}"]`);
let created;
const campaignId = () => created.id;

async function fillForm(page, { start, end, code }) {
  await page.fill('#campaign-form input[name=name_sv]', 'Trygghetsenkät 2026');
  await page.fill('#campaign-form input[name=name_en]', 'Safety survey 2026');
  const survey = await page.$eval('#campaign-form select[name=survey]', (s) =>
    [...s.options].map((o) => o.value).find((v) => v.startsWith('trygghetsenkat_vindeln@')));
  assert.ok(survey, 'the demo survey is offered');
  await page.selectOption('#campaign-form select[name=survey]', survey);
  await page.fill('#campaign-form input[name=period_start]', start);
  await page.fill('#campaign-form input[name=period_end]', end);
  await page.fill('#campaign-form input[name=public_code]', code);
}

async function formError(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('campaign-form-error')?.textContent || ''),
    pattern.source);
}

test('create, poster with a decodable QR code, counts, closing and closed', async () => {
  const page = await newAxePage(browser, DESKTOP);
  await openView(page);
  assert.deepEqual(await axeViolations(page), []);
  const before = (await api('GET', '/api/v1/campaigns')).json().campaigns.length;

  // Refused in the page (a date the browser's locale would write), then by the server.
  await fillForm(page, { start: '11/01/2026', end: '2027-01-31', code: CODE });
  await page.click('#campaign-form button[type=submit]');
  await formError(page, /åååå-mm-dd/);
  await fillForm(page, { start: '2026-11-01', end: '2027-01-31', code: 'VINDELN-2025' });
  await page.click('#campaign-form button[type=submit]');
  await formError(page, /Offentlig kod: koden används redan/);
  await fillForm(page, { start: '2026-11-01', end: '2026-10-01', code: CODE });
  await page.click('#campaign-form button[type=submit]');
  await formError(page, /Sista dag: perioden slutar innan den börjar/);
  assert.equal((await api('GET', '/api/v1/campaigns')).json().campaigns.length, before);

  await fillForm(page, { start: '2026-11-01', end: '2027-01-31', code: CODE });
  await page.click('#campaign-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('är skapad och öppen'));
  created = (await api('GET', '/api/v1/campaigns')).json().campaigns.find((c) => c.public_code === CODE);
  assert.ok(created, 'the campaign is stored');
  assert.equal(created.status, 'open');
  assert.deepEqual(created.channels, ['survey', 'web']);
  assert.equal(created.year, 2026);
  assert.deepEqual(created.name, { sv: 'Trygghetsenkät 2026', en: 'Safety survey 2026' });
  const link = `${base}/s/${CODE}`;
  assert.equal(await row(page).locator('a.resident-link').textContent(), link);
  assert.match(await row(page).textContent(), /Öppen/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(artifactDir, 'campaigns-1366.png'), fullPage: true });

  // The poster: printed to PDF by chromium, rasterised, and its QR code read back.
  const [poster] = await Promise.all([page.waitForEvent('popup'), row(page).locator('button.poster').click()]);
  await poster.waitForSelector('body[data-ready="true"]');
  assert.equal(await poster.locator('#poster').isVisible(), true, await poster.locator('#status').textContent());
  assert.equal(await poster.locator('#poster-link').textContent(), link);
  assert.match(await poster.locator('#poster-intro').textContent(), /Polisen och Vindelns kommun vill veta/);
  assert.match(await poster.locator('#poster-period').textContent(), /2027-01-31/);
  assert.deepEqual(await axeViolations(poster), []);
  await poster.screenshot({ path: path.join(artifactDir, 'poster-screen.png'), fullPage: true });
  const pdf = path.join(artifactDir, 'poster.pdf');
  await poster.pdf({ path: pdf, format: 'A4', printBackground: true });
  const pages = execFileSync('pdfinfo', [pdf]).toString();
  assert.match(pages, /Pages:\s+1\b/, 'the poster is one page');
  assert.match(pages, /Page size:.*\(A4\)/, 'the page is A4');
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, path.join(artifactDir, 'poster')]);
  const decoded = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', path.join(artifactDir, 'poster.png')]).toString().trim();
  assert.equal(decoded, link);
  await poster.close();

  // A device's responses arrive and are counted per channel and day.
  const enrol = await api('POST', '/api/v1/devices/enrol', { code: officerCode, label: 'Surfplatta 1' }, undefined);
  assert.equal(enrol.status, 201, enrol.text);
  officer = enrol.json().token;
  assert.equal(await push(created, 1), 'stored');
  assert.equal(await push(created, 0), 'stored');
  assert.equal(await push(created, 0), 'stored');
  await row(page).locator('button.show-counts').click();
  // The panel is there since the campaign was created; wait for the fresh counts.
  await page.waitForFunction(() => document.querySelector('#counts-by-channel tr.total')?.textContent === 'Totalt3');
  const channelCounts = await page.$$eval('#counts-by-channel tbody tr', (rows) => rows.map((r) => r.textContent));
  assert.deepEqual(channelCounts, ['Enkät på polisens enhet3', 'Webben (länk och QR-kod)0', 'Totalt3']);
  const days = await page.$$eval('#counts-by-day tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.equal(days.length, 2);
  assert.deepEqual(days.map((d) => d.slice(1)), [['2', '0', '2'], ['1', '0', '1']]);
  assert.match(days[0][0], /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(await axeViolations(page), []);

  // Closing: the dialog, then no new residents, but a queued response is taken.
  await row(page).locator('button.begin-closing').click();
  await page.waitForSelector('#closing-dialog[open]');
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(artifactDir, 'campaigns-closing-dialog-1366.png') });
  await page.fill('#grace-days', '3');
  await page.click('#closing-dialog-confirm');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('tar inte emot nya svarande'));
  const closing = (await api('GET', `/api/v1/campaigns/${created.id}`)).json();
  assert.equal(closing.status, 'closing');
  assert.match(await row(page).textContent(), new RegExp(`köade svar tas emot till och med ${closing.accept_queued_until}`));
  const web = await api('GET', `/api/v1/web-surveys/${CODE}`, undefined, undefined);
  assert.equal(web.status, 410);
  assert.match(web.json().error.message, /closing/);
  const resident = await api('POST', '/api/v1/devices/enrol', { code: CODE }, undefined);
  assert.equal(resident.status, 409);
  assert.equal(resident.json().error.code, 'campaign_closed');
  assert.equal(await push(created, 0), 'stored');

  // Closed completely, after its own confirmation; cancelling first changes nothing.
  await row(page).locator('button.close-now').click();
  await page.click('#close-dialog-cancel');
  assert.equal((await api('GET', `/api/v1/campaigns/${created.id}`)).json().status, 'closing');
  await row(page).locator('button.close-now').click();
  await page.click('#close-dialog-confirm');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('är stängd'));
  assert.equal(await push(created, 0), 'campaign_closed');
  assert.match(await row(page).textContent(), /Stängd/);

  const actions = sql(`SELECT action, target FROM audit_log WHERE target = '${created.id}' ORDER BY seq`).map((e) => e.action);
  assert.deepEqual(actions.filter((a) => a !== 'campaign.counts'),
    ['campaign.create', 'campaign.poster', 'campaign.closing', 'campaign.close']);
  assert.ok(actions.includes('campaign.counts'), 'reading the counts is logged');
  await page.context().close();
});

test('the view at phone size, in English, fits 390 px and passes axe', async () => {
  const page = await newAxePage(browser, PHONE);
  await openView(page);
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#campaigns-view h2')?.textContent === 'New campaign');
  const first = page.locator('#campaigns-table tbody tr button.show-counts').first();
  await first.click();
  await page.waitForSelector('#campaign-counts');
  assert.deepEqual(await axeViolations(page), []);
  const width = await page.evaluate(() => document.querySelector('#campaigns-view').scrollWidth);
  assert.ok(width <= 390, `the view is ${width} px wide`);
  await page.screenshot({ path: path.join(artifactDir, 'campaigns-390.png'), fullPage: true });
  await page.context().close();
});
