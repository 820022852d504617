// Safety walks and measures in a real browser: Debian's chromium driven by playwright-core against
// the real td-sync-server on loopback, seeded with the Vindeln demo data plus a walk along the
// shared reference track that an officer device pushes through the sync API. The walk's track and
// numbered stops are checked on the dashboard map, a measure is created from an observation and
// moved through its statuses, and an officer device's pull then carries the final status.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots are kept there).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactDir, launchBrowser, logIn, referenceDir, request, sourceDir, startDemoServer, stopAll, uuidv7,
} from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-vandring-2025';
const HOSTILE = '<img src=x onerror="document.body.dataset.pwned=\'yes\'">';
const checklist = JSON.parse(fs.readFileSync(path.join(sourceDir, 'shared', 'content', 'walk_checklist.json'), 'utf8'));
const reference = JSON.parse(fs.readFileSync(path.join(referenceDir, 'vindeln.json'), 'utf8')).walk_track;

let tmp;
let server;
let base;
let browser;
let coordinatorToken;
let officerToken;
let walkId;
let observationIds = [];


const api = (method, route, body, token) => request(base, method, route, body, token);


// The walk of the reference track: its true route as the recorded track and one observation at
// each of its five stops. The fourth stop's note is hostile markup.
function referenceWalk() {
  // A week after the demo's walks, so it is the newest one (listed first, drawn on top).
  const start = Date.parse('2025-09-25T18:30:00Z');
  walkId = uuidv7();
  const track = reference.route.map(([lat, lon], i) => ({ lat, lon, accuracy_m: 4, t: new Date(start + i * 60000).toISOString() }));
  const walk = {
    id: walkId, area_name: 'Vindeln centrum (referensrutt)', locality: 'vindeln', date: '2025-09-25',
    started_at: track[0].t, ended_at: track[track.length - 1].t,
    participants: { residents: 7, police: 2, municipality: 2, property_owner: 1, other: 0 }, track,
  };
  const observations = reference.stops.map((stop, i) => {
    const ratings = {};
    checklist.items.forEach((item, k) => (ratings[item.id] = (i + k) % 4));
    const id = uuidv7(i + 1);
    observationIds.push(id);
    return {
      id, walk_id: walkId, recorded_at: new Date(start + (i * 2 + 1) * 60000).toISOString(),
      position: { lat: stop.lat, lon: stop.lon, accuracy_m: 5 }, ratings, overall_feeling: 1 + (i % 5),
      time_of_day: 'evening', note: i === 3 ? HOSTILE : `Iakttagelse vid ${stop.name}`,
      proposed_measure: `Förbättra belysningen vid ${stop.name}`, responsible_party: i % 2 ? 'fastighetsagare' : 'kommun',
    };
  });
  const hlc = 'h-walk-test';
  return [
    { kind: 'safety_walk', id: walkId, rev: 1, hlc, body: walk },
    ...observations.map((o) => ({ kind: 'observation', id: o.id, rev: 1, hlc, body: o })),
  ];
}

before(async () => {
  let code;
  ({ tmp, server, base, coordinatorToken, officerCode: code } = await startDemoServer({
    name: 'walks', user: USER, password: PASSWORD, responsesPerWave: 60,
  }));
  const enrol = await api('POST', '/api/v1/devices/enrol', { code, label: 'walk tablet' });
  assert.equal(enrol.status, 201, enrol.text);
  officerToken = enrol.json().token;
  const push = await api('POST', '/api/v1/sync/push', { records: referenceWalk() }, officerToken);
  assert.equal(push.status, 200, push.text);
  for (const r of push.json().results) assert.equal(r.status, 'stored', push.text);
  browser = await launchBrowser();
});

after(() => stopAll({ browser, server, tmp }));

async function loggedInPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // No map tiles in tests: the map must work without them.
  await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
  await logIn(page, base, USER, PASSWORD);
  await page.waitForSelector('#dashboard-view:not([hidden])');
  return { context, page, errors };
}

async function measures() {
  const res = await api('GET', '/api/v1/measures', undefined, coordinatorToken);
  assert.equal(res.status, 200, res.text);
  return res.json().measures;
}

let createdId;

test('the walks view draws every track and numbered stop, and a stop popup creates a measure', async () => {
  const { context, page, errors } = await loggedInPage();
  const geojson = (await api('GET', '/api/v1/walks', undefined, coordinatorToken)).json();
  const walks = geojson.features.filter((f) => f.properties.feature === 'walk');
  const stops = geojson.features.filter((f) => f.properties.feature === 'stop');
  assert.ok(walks.length >= 3, 'the demo walks and the pushed one');
  const ours = walks.find((w) => w.properties.walk_id === walkId);
  assert.equal(ours.properties.stops, 5);
  assert.ok(Math.abs(ours.properties.length_m - reference.route_length_m) < 0.02 * reference.route_length_m, `${ours.properties.length_m} m`);

  await page.click('a[href="#walks"]');
  await page.waitForSelector('path.walk-track');
  assert.equal((await page.$$('path.walk-track')).length, walks.length, 'one line per walk');
  assert.equal((await page.$$('path.walk-stop')).length, stops.length, 'one marker per stop');
  const labels = await page.$$eval('.stop-label', (ls) => ls.map((l) => l.textContent));
  for (const n of ['1', '2', '3', '4', '5']) assert.ok(labels.includes(n), `stop ${n} is numbered`);
  const rows = await page.$$eval('#walk-table tbody tr', (trs) => trs.map((tr) => tr.dataset.walk));
  assert.ok(rows.includes(walkId));
  await page.screenshot({ path: path.join(artifactDir, 'walks-map.png') });

  // Our walk is the newest, drawn last: its stop 3 (Skolgården) marker is on top.
  const before = await measures();
  await page.locator('path.walk-stop-3').last().click();
  const popup = page.locator('.stop-popup');
  await popup.waitFor();
  const observation = await popup.getAttribute('data-observation');
  assert.equal(observation, observationIds[2]);
  assert.match(await popup.textContent(), /Förbättra belysningen vid Skolgården/);
  await page.screenshot({ path: path.join(artifactDir, 'walks-popup.png') });
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/observations/${observation}/measures`));
  // From the keyboard: the popup pans the map into view, and a pointer click aimed while it
  // moves can land beside the button.
  await popup.locator('button.create-measure').press('Enter');
  const created = await answered;
  assert.equal(created.status(), 201, await created.text());
  await page.waitForFunction(() => /skapades/.test(document.querySelector('#status').textContent));
  const after = await measures();
  assert.equal(after.length, before.length + 1);
  const made = after.find((m) => m.measure.observation_id === observation);
  assert.ok(made, 'the new measure names the observation');
  assert.equal(made.measure.status, 'proposed');
  assert.equal(made.measure.title, 'Förbättra belysningen vid Skolgården');
  assert.equal(made.measure.responsible_party, 'kommun');
  assert.equal(made.measure.walk_id, walkId);
  createdId = made.measure.id;
  assert.deepEqual(errors, []);
  await context.close();
});

async function setStatus(page, id, status, reason) {
  const row = page.locator(`tr[data-measure="${id}"]`);
  await row.locator('select[name=status]').selectOption(status);
  if (reason) await row.locator('input[name=rejection_reason]').fill(reason);
  // The status line may still say "sparades" from the previous save: wait for this save's answer.
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/measures/${id}`),
  );
  await row.locator('button').click();
  assert.equal((await answered).status(), 200);
  await page.waitForFunction(() => /sparades/.test(document.querySelector('#status').textContent));
  await page.waitForFunction(
    ([id, status]) => document.querySelector(`tr[data-measure="${id}"] select[name=status]`)?.value === status,
    [id, status],
  );
}

test('a measure moves through its statuses in the Åtgärder view; a concurrent edit shows its conflict', async () => {
  assert.ok(createdId, 'the previous test created a measure');
  const { context, page, errors } = await loggedInPage();
  await page.click('a[href="#measures"]');
  const row = `tr[data-measure="${createdId}"]`;
  await page.waitForSelector(row);
  // Only the next status (and rejection) is offered.
  const offered = await page.$$eval(`${row} select[name=status] option`, (os) => os.map((o) => o.value));
  assert.deepEqual(offered, ['proposed', 'decided', 'rejected']);

  await page.locator(`${row} select[name=responsible_party]`).selectOption('polis');
  await page.locator(`${row} input[name=deadline]`).fill('2026-04-30');
  await setStatus(page, createdId, 'decided');
  await setStatus(page, createdId, 'in_progress');
  await setStatus(page, createdId, 'done');
  const done = (await api('GET', `/api/v1/measures/${createdId}`, undefined, coordinatorToken)).json();
  assert.equal(done.measure.status, 'done');
  assert.equal(done.measure.responsible_party, 'polis');
  assert.equal(done.measure.deadline, '2026-04-30');
  assert.equal(done.conflict, false);

  // Rejecting needs a reason: the field appears, and the server keeps it.
  const proposed = (await measures()).find((m) => m.measure.status === 'proposed' && m.measure.id !== createdId);
  assert.ok(proposed, 'the demo has a proposed measure');
  const other = `tr[data-measure="${proposed.measure.id}"]`;
  await page.locator(`${other} select[name=status]`).selectOption('rejected');
  assert.ok(await page.locator(`${other} input[name=rejection_reason]`).isVisible());
  await page.locator(`${other} button`).click();
  await page.waitForFunction(() => document.querySelector('#status').classList.contains('error'));
  assert.match(await page.textContent('#status'), /rejected measure needs a reason/);
  await setStatus(page, proposed.measure.id, 'rejected', 'Ingår i Trafikverkets ombyggnad');
  const rejected = (await api('GET', `/api/v1/measures/${proposed.measure.id}`, undefined, coordinatorToken)).json();
  assert.equal(rejected.measure.rejection_reason, 'Ingår i Trafikverkets ombyggnad');

  // Two coordinators change the priority from the same version: the later wins, the other is shown.
  const first = await api('PATCH', `/api/v1/measures/${createdId}`, { priority: 'low' }, coordinatorToken);
  assert.equal(first.status, 200, first.text);
  const stale = await api('PATCH', `/api/v1/measures/${createdId}`, { base_rev: done.rev, priority: 'high' }, coordinatorToken);
  assert.equal(stale.status, 200, stale.text);
  await page.reload();
  await page.click('a[href="#measures"]');
  await page.waitForSelector(`${row}.has-conflict`);
  const note = await page.textContent(`${row} .conflict`);
  assert.match(note, /prioritet – gäller nu Hög, överskrivet Låg \(från server\)/);
  await page.screenshot({ path: path.join(artifactDir, 'measures.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an officer device pulls the measure with its final status and clocks', async () => {
  let cursor = '';
  let found = null;
  for (let i = 0; i < 50; i++) {
    const res = await api('GET', `/api/v1/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=500`, undefined, officerToken);
    assert.equal(res.status, 200, res.text);
    const page = res.json();
    for (const c of page.changes) if (c.kind === 'measure' && c.id === createdId) found = c;
    cursor = page.cursor;
    if (!page.more) break;
  }
  assert.ok(found, 'the measure is in the officer pull');
  assert.equal(found.body.status, 'done');
  assert.equal(found.body.priority, 'high');
  assert.ok(found.clocks.status.at, 'the status carries its clock');
  assert.equal(found.clocks.priority.rival.value, 'low', 'the overwritten priority travels as the rival');
});

test('the printable walk report shows the route sketch, findings, proposals and measures, escaped', async () => {
  const { context, page, errors } = await loggedInPage();
  for (const lang of ['sv', 'en']) {
    await page.goto(`${base}/walk-report?walk=${walkId}&lang=${lang}`);
    await page.waitForSelector('body[data-ready=true]');
    await page.waitForSelector('#report:not([hidden])');
    assert.equal((await page.$$('svg.route-sketch circle.sketch-stop')).length, 5);
    assert.equal((await page.$$('svg.route-sketch polyline.sketch-track')).length, 1);
    assert.equal((await page.$$('#findings tbody tr')).length, checklist.items.length);
    assert.equal((await page.$$('#stops tbody tr')).length, 5);
    assert.equal((await page.$$('#proposed tbody tr')).length, 5);
    const stopsText = await page.textContent('#stops');
    assert.ok(stopsText.includes(HOSTILE), 'the hostile note is shown as text');
    assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
    assert.equal(await page.$$eval('#stops img', (imgs) => imgs.length), 0);
    const measuresText = await page.textContent('#measures');
    assert.match(measuresText, lang === 'sv' ? /Förbättra belysningen vid Skolgården.*Polisen.*Genomförd/ : /Förbättra belysningen vid Skolgården.*The police.*Done/);
    assert.match(await page.textContent('h1'), lang === 'sv' ? /Trygghetsvandring/ : /Safety walk/);
    await page.screenshot({ path: path.join(artifactDir, `walk-report-${lang}.png`), fullPage: true });
  }
  assert.deepEqual(errors, []);
  await context.close();
});
