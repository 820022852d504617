// Retention in a real browser: a coordinator sees every campaign's retention dates and what is
// due, is refused a malformed date, sets new dates, and purges a closed campaign — first its
// free text, then what its dates say is due — through the confirmation dialog, whose purge
// button stays disabled until the tick. The picture of the purged campaign is still shown.
// axe-core checks the view and the dialog (WCAG 2.1 A and AA), at desktop and phone size.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots are kept there).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { artifactDir, launchBrowser, logIn, request, sourceDir, startDemoServer, stopAll } from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-gallring-2025';
const OLD = 'trygghetsenkat_2022';
const axeSource = fs.readFileSync(path.join(sourceDir, 'dashboard', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let tmp;
let server;
let base;
let browser;
let token;

before(async () => {
  ({ tmp, server, base, coordinatorToken: token } = await startDemoServer({
    name: 'retention', user: USER, password: PASSWORD, responsesPerWave: 60,
  }));
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

async function axeViolations(page, selector) {
  // Evaluated through the browser's debugging protocol: the page's CSP (script-src 'self')
  // stays in force for everything else.
  await page.evaluate(axeSource);
  return page.evaluate(async (include) => {
    const result = await window.axe.run({ include: [include] }, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}

const row = (page, id) => page.locator(`#retention-table tr[data-campaign="${id}"]`);

async function openView(page) {
  await logIn(page, base, USER, PASSWORD);
  await page.waitForSelector('#dashboard-view:not([hidden])');
  await page.click('a[href="#retention"]');
  await page.waitForSelector('#retention-view[data-loaded="true"]');
}

test('retention dates, what is due, and a purge through the confirmation dialog', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await openView(page);
  assert.equal(await page.locator('#retention-table tbody tr').count(), 5);
  const old = row(page, OLD);
  assert.equal(await old.locator('input[name=free_text_until]').inputValue(), '2022-07-30');
  assert.equal(await old.locator('input[name=responses_until]').inputValue(), '2024-04-30');
  assert.match(await old.textContent(), /Fritext ska gallras/);
  assert.match(await old.textContent(), /Svar ska gallras/);
  assert.match(await old.textContent(), /60 svar, 60 med fritext/);
  // The open 2025 wave cannot be purged.
  assert.equal(await row(page, 'trygghetsenkat_2025').locator('button.purge-due').isDisabled(), true);
  assert.deepEqual(await axeViolations(page, '#retention-view'), []);
  await page.screenshot({ path: path.join(artifactDir, 'retention-1366.png'), fullPage: true });

  // A malformed date is refused in the page; one before the period's end by the server.
  await old.locator('input[name=free_text_until]').fill('30/07/2022');
  await old.locator('button.save-dates').click();
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('åååå-mm-dd'));
  await old.locator('input[name=free_text_until]').fill('2021-01-01');
  await old.locator('button.save-dates').click();
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('åtminstone tills undersökningen har slutat'));

  // Free text first: the dialog's purge button waits for the tick; cancelling changes nothing.
  await old.locator('button.purge-free-text').click();
  await page.waitForSelector('#purge-dialog[open]');
  assert.equal(await page.locator('#purge-confirm').isDisabled(), true);
  assert.match(await page.locator('#purge-dialog').textContent(), /60 svar/);
  assert.deepEqual(await axeViolations(page, '#purge-dialog'), []);
  await page.screenshot({ path: path.join(artifactDir, 'retention-dialog-1366.png') });
  await page.click('#purge-cancel');
  assert.equal(await page.locator('#purge-dialog').count(), 0);
  const untouched = await request(base, 'GET', '/api/v1/retention', undefined, token);
  assert.equal(untouched.json().campaigns.find((c) => c.id === OLD).free_text_remaining, 60);

  await old.locator('button.purge-free-text').click();
  await page.check('#purge-understood');
  await page.click('#purge-confirm');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('fritext borttagen i 60 svar'));
  await page.waitForFunction((id) => document.querySelector(`tr[data-campaign="${id}"]`)?.textContent.includes('60 svar, 0 med fritext'), OLD);

  // Then what is due: the responses are replaced by counts.
  await row(page, OLD).locator('button.purge-due').click();
  await page.check('#purge-understood');
  await page.click('#purge-confirm');
  await page.waitForFunction((id) => document.querySelector(`tr[data-campaign="${id}"]`)?.textContent.includes('ersatta av sammanställningar'), OLD);
  const status = (await request(base, 'GET', '/api/v1/retention', undefined, token)).json();
  const purged = status.campaigns.find((c) => c.id === OLD);
  assert.equal(purged.responses, 0);
  assert.equal(purged.aggregated, true);

  // Its picture is still there.
  const picture = await request(base, 'GET', `/api/v1/picture?campaign=${OLD}`, undefined, token);
  assert.equal(picture.status, 200, picture.text);
  assert.equal(picture.json().respondents, 60);
  const log = await request(base, 'GET', '/api/v1/retention', undefined, token);
  assert.equal(log.status, 200);
  await page.close();
});

test('the view at phone size, in English, keeps its controls reachable and named', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await openView(page);
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#retention-view h2')?.textContent === 'Retention and purging');
  assert.deepEqual(await axeViolations(page, '#retention-view'), []);
  const width = await page.evaluate(() => document.querySelector('#retention-view').scrollWidth);
  assert.ok(width <= 390, `the view is ${width} px wide`);
  await page.screenshot({ path: path.join(artifactDir, 'retention-390.png'), fullPage: true });
  await page.close();
});
