// The dashboard's main flows with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows and
// Escape through page.keyboard; no clicks, no filling of fields by selector): sign in, move
// through every tab, create a campaign and reach its poster, cancel a confirmation with Escape
// and then confirm it, make an officer's enrolment code, open a walk's stop on the map and make
// a measure from it, and change a measure's status and save it. Wherever focus lands it must be
// visible (an outline or a box shadow), and each step's result is checked through the API or
// the page.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots are kept there).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { artifactDir, launchBrowser, request, startDemoServer, stopAll } from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-tangent-2026';

let tmp;
let server;
let base;
let coordinatorToken;
let browser;

before(async () => {
  ({ tmp, server, base, coordinatorToken } = await startDemoServer({
    name: 'keyboard', user: USER, password: PASSWORD, responsesPerWave: 5,
  }));
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

const api = async (route) => {
  const res = await request(base, 'GET', route, undefined, coordinatorToken);
  assert.equal(res.status, 200, res.text);
  return res.json();
};

// The focused element, described, and whether its focus indicator shows.
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return { body: true, description: 'body' };
  const style = getComputedStyle(a);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none';
  const label = a.getAttribute('aria-label') || a.name || a.textContent.trim().slice(0, 40);
  return {
    body: false,
    visible: outline || shadow,
    inDialog: Boolean(a.closest('dialog[open]')),
    description: `${a.localName}${a.id ? `#${a.id}` : ''} "${label}"`,
  };
});

async function assertFocusVisible(page) {
  const f = await focused(page);
  assert.ok(!f.body, 'focus is on a control, not lost to the page');
  assert.ok(f.visible, `focus is visible on ${f.description}`);
  return f;
}

// Presses Tab (Shift+Tab with `back`) until `selector` has focus; focus must show at each stop.
async function tabTo(page, selector, { back = false, max = 250 } = {}) {
  for (let i = 0; i < max; ++i) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (!f.body) assert.ok(f.visible, `focus is visible on ${f.description}`);
    if (await page.evaluate((s) => document.activeElement.matches(s), selector)) return;
  }
  throw new Error(`${selector} is not reached with ${back ? 'Shift+Tab' : 'Tab'}`);
}

// From anywhere in the dashboard back up to the tab of `hash`, and open it.
async function openTab(page, hash, view) {
  await tabTo(page, `.view-tabs a[href="#${hash}"]`, { back: true });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`#${view}[data-loaded="true"]:not([hidden])`);
  assert.equal(await page.getAttribute(`.view-tabs a[href="#${hash}"]`, 'aria-current'), 'page');
}

test('the main flows with the keyboard only', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));

  // Sign in.
  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready="true"]');
  await tabTo(page, '#username');
  await page.keyboard.type(USER);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#dashboard-view:not([hidden])');
  await page.waitForSelector('#picture-view[data-loaded="true"]');
  // Focus lands in the dashboard, not on the hidden form.
  await assertFocusVisible(page);

  // Every tab, in the order of the tab bar.
  const tabs = await page.$$eval('.view-tabs a[data-view]', (links) => links.map((a) => ({ hash: a.hash.slice(1), view: a.dataset.view })));
  assert.ok(tabs.length >= 9);
  await tabTo(page, `.view-tabs a[href="#${tabs[0].hash}"]`, { back: true });
  for (const [i, tab] of tabs.entries()) {
    if (i > 0) await tabTo(page, `.view-tabs a[href="#${tab.hash}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#${tab.view}[data-loaded="true"]:not([hidden])`);
    assert.equal(new URL(page.url()).hash, `#${tab.hash}`);
    assert.equal(await page.getAttribute(`.view-tabs a[href="#${tab.hash}"]`, 'aria-current'), 'page');
    await assertFocusVisible(page);
  }

  // The skip link, first on the page, passes the header and the tab bar into the shown view.
  await tabTo(page, '#skip-link', { back: true });
  const shownView = tabs[tabs.length - 1].view;
  await page.keyboard.press('Enter');
  assert.ok(await page.evaluate((v) => document.activeElement.id === v, shownView), 'focus on the shown view');
  assert.equal(new URL(page.url()).hash, `#${tabs[tabs.length - 1].hash}`, 'the view stays');
  await tabTo(page, '#accounts-view input, #accounts-view button');

  // Undersökningsomgångar: a new campaign, then its poster.
  await openTab(page, 'campaigns', 'campaigns-view');
  await tabTo(page, '#campaign-form input[name=name_sv]');
  await page.keyboard.type('Tangentbordsomgång');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Keyboard round');
  await page.keyboard.press('Tab'); // the survey: its first published version
  await page.keyboard.press('Tab');
  await page.keyboard.type('2026-05-01');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2026-06-30');
  await page.keyboard.press('Tab');
  await page.keyboard.type('TANGENT26');
  // The channels: survey and web are ticked; tick the kiosk too with Space.
  await tabTo(page, '#campaign-form input[name=channel_kiosk]');
  await page.keyboard.press('Space');
  await tabTo(page, '#campaign-form button[type=submit]');
  await page.keyboard.press('Enter');
  const id = 'tangentbordsomgang_2026';
  await page.waitForSelector(`tr[data-campaign="${id}"]`);
  const campaign = (await api('/api/v1/campaigns')).campaigns.find((c) => c.id === id);
  assert.ok(campaign, 'the campaign is stored');
  assert.deepEqual([campaign.period_start, campaign.period_end, campaign.public_code], ['2026-05-01', '2026-06-30', 'TANGENT26']);
  assert.deepEqual([...campaign.channels].sort(), ['kiosk', 'survey', 'web']);
  // Focus moves to the new campaign, from where its poster is a few Tabs away.
  const onNew = await assertFocusVisible(page);
  assert.ok(await page.evaluate((c) => Boolean(document.activeElement.closest(`tr[data-campaign="${c}"]`)), id), `focus on the new campaign, not ${onNew.description}`);
  await tabTo(page, `tr[data-campaign="${id}"] button.poster`);
  const [poster] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await poster.waitForSelector('body[data-ready="true"]');
  assert.equal(new URL(poster.url()).searchParams.get('campaign'), id);
  assert.match(await poster.textContent('#poster-code'), /TANGENT26/);
  await poster.close();

  // A confirmation opened from the keyboard, cancelled with Escape: focus returns to its button.
  await tabTo(page, `tr[data-campaign="${id}"] button.close-now`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#close-dialog[open]');
  const first = await assertFocusVisible(page);
  assert.ok(first.inDialog, `focus in the dialog, not on ${first.description}`);
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    const f = await assertFocusVisible(page);
    assert.ok(f.inDialog, `${key} stays in the dialog (reached ${f.description})`);
  }
  await page.screenshot({ path: path.join(artifactDir, 'keyboard-dialog.png') });
  await page.keyboard.press('Escape');
  await page.waitForSelector('#close-dialog', { state: 'detached' });
  await assertFocusVisible(page);
  assert.ok(await page.evaluate((c) => document.activeElement.matches(`tr[data-campaign="${c}"] button.close-now`), id),
    'focus is back on the button that opened the dialog');
  assert.equal((await api('/api/v1/campaigns')).campaigns.find((c) => c.id === id).status, 'open', 'cancelling changed nothing');
  // Confirmed this time: the row is drawn anew, and focus stays in it.
  await page.keyboard.press('Enter');
  await page.waitForSelector('#close-dialog[open]');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.id === 'close-dialog-confirm'));
  await page.keyboard.press('Enter');
  await page.waitForSelector(`tr[data-campaign="${id}"] button.reopen`);
  assert.equal((await api('/api/v1/campaigns')).campaigns.find((c) => c.id === id).status, 'closed');
  await assertFocusVisible(page);
  assert.ok(await page.evaluate((c) => Boolean(document.activeElement.closest(`tr[data-campaign="${c}"]`)), id), 'focus stays on the campaign');

  // Enheter: an officer's enrolment code.
  await openTab(page, 'devices', 'devices-view');
  await tabTo(page, '#code-form select[name=role]');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'officer');
  await tabTo(page, '#code-form button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#new-code');
  const heading = await assertFocusVisible(page);
  assert.match(heading.description, /#code-heading/, 'focus on the new code');
  const code = (await page.textContent('#new-code')).trim();
  const enrol = await request(base, 'POST', '/api/v1/devices/enrol', { code, label: 'tangentbord' });
  assert.equal(enrol.status, 201, enrol.text);
  assert.equal(enrol.json().role, 'officer');

  // Trygghetsvandringar: a stop on the map opens with Enter, closes with Escape, and its
  // "Skapa åtgärd" makes a measure.
  await openTab(page, 'walks', 'walks-view');
  await tabTo(page, 'path.walk-stop');
  const stop = await page.evaluate(() => document.activeElement.dataset.observation);
  assert.ok(stop, 'a stop is a focusable marker');
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), /^Stopp \d+, /);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.leaflet-popup button.create-measure');
  await assertFocusVisible(page);
  assert.ok(await page.evaluate(() => document.activeElement.matches('.leaflet-popup button.create-measure')), 'focus in the popup');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.leaflet-popup', { state: 'detached' });
  await assertFocusVisible(page);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.observation), stop, 'focus back on the stop');
  const before = (await api('/api/v1/measures')).measures.length;
  await page.keyboard.press('Space');
  await page.waitForSelector('.leaflet-popup button.create-measure');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Åtgärden'));
  assert.equal((await api('/api/v1/measures')).measures.length, before + 1, 'the measure is made');
  await assertFocusVisible(page);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.observation), stop, 'focus back on the stop after the redraw');

  // Åtgärder: a proposed measure is decided and saved.
  await openTab(page, 'measures', 'measures-view');
  const proposed = (await api('/api/v1/measures')).measures.find((m) => m.measure.status === 'proposed');
  assert.ok(proposed, 'the demo has a proposed measure');
  const row = `tr[data-measure="${proposed.measure.id}"]`;
  await tabTo(page, `${row} select[name=status]`);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'decided');
  await tabTo(page, `${row} button`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((title) => document.getElementById('status').textContent === `”${title}” sparades.`, proposed.measure.title);
  const saved = (await api('/api/v1/measures')).measures.find((m) => m.measure.id === proposed.measure.id);
  assert.equal(saved.measure.status, 'decided');
  await assertFocusVisible(page);
  assert.ok(await page.evaluate((r) => document.activeElement.matches(`${r} button`), row), 'focus stays on the saved row');
  await page.screenshot({ path: path.join(artifactDir, 'keyboard-measures.png') });

  await context.close();
  assert.deepEqual(errors, []);
});
