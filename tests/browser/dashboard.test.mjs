// The coordinator dashboard in a real browser: Debian's chromium driven by playwright-core
// against the real td-sync-server on loopback, with a database holding the Vindeln demo data and
// one response pushed through the sync API whose free text is hostile markup.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SEED_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots and downloads are kept there).
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactDir, axeViolations, launchBrowser, logIn, newAxePage, request, startDemoServer, stopAll, uuidv7,
} from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-lägesbild-2025';
const HOSTILE = '<img src=x onerror="document.body.dataset.pwned=\'yes\'">';
const FORMULA = '=HYPERLINK("http://example.invalid","klicka")';

let tmp;
let server;
let base;
let browser;
let coordinatorToken;
let hostileId;
let campaign;
let officerToken;


const api = (method, route, body, token) => request(base, method, route, body, token);


// A response to the newest survey campaign whose free texts are hostile.
function hostileResponse(c) {
  return {
    id: hostileId,
    campaign_id: c.id,
    survey_id: c.survey_id,
    survey_version: c.survey_version,
    channel: 'survey',
    submitted_at: `${c.period_start}T12:00:00.000Z`,
    locale: 'sv',
    answers: {
      q_trygg_dag: 2,
      q_trygg_kvall: 4,
      q_otrygga_platser_finns: true,
      q_otrygga_platser: [{ description: HOSTILE, times_of_day: ['evening'], reasons: [] }],
      q_tryggare: FORMULA,
    },
  };
}

before(async () => {
  let code;
  ({ tmp, server, base, coordinatorToken, officerCode: code } = await startDemoServer({
    name: 'dashboard', user: USER, password: PASSWORD, responsesPerWave: 200,
    serverArgs: ['--max-auth-failures', '3'],
  }));
  const campaigns = (await api('GET', '/api/v1/campaigns', undefined, coordinatorToken)).json().campaigns;
  campaign = campaigns.filter((c) => c.id.startsWith('trygghetsenkat_')).sort((a, b) => b.year - a.year)[0];
  assert.ok(campaign, 'the demo data has a survey campaign');

  const enrol = await api('POST', '/api/v1/devices/enrol', { code, label: 'browser test' });
  assert.equal(enrol.status, 201, enrol.text);
  officerToken = enrol.json().token;
  hostileId = uuidv7();
  const push = await api(
    'POST',
    '/api/v1/sync/push',
    { records: [{ kind: 'response', id: hostileId, rev: 1, hlc: `${Date.now()}-0000-test`, body: hostileResponse(campaign) }] },
    enrol.json().token,
  );
  assert.equal(push.status, 200, push.text);
  assert.equal(push.json().results[0].status, 'stored', push.text);

  browser = await launchBrowser();
});

after(() => stopAll({ browser, server, tmp }));

async function loggedInPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await logIn(page, base, USER, PASSWORD);
  await page.waitForSelector('#ranking tbody tr');
  return { context, page, errors };
}

test('the API answers the picture only to staff, with the pushed response counted', async () => {
  const none = await api('GET', `/api/v1/picture?campaign=${campaign.id}`);
  assert.equal(none.status, 401);
  const picture = (await api('GET', `/api/v1/picture?campaign=${campaign.id}`, undefined, coordinatorToken)).json();
  assert.equal(picture.filter.campaign, campaign.id);
  assert.ok(picture.respondents > 100, `respondents ${picture.respondents}`);
  assert.ok(picture.unlocated.some((u) => u.text === HOSTILE), 'the hostile description is in the coordinator picture');
  const missing = await api('GET', '/api/v1/picture', undefined, coordinatorToken);
  assert.equal(missing.status, 400);
  assert.equal(missing.json().error.code, 'missing_parameter');
});

test('log in, pick a campaign, see the ranking, a cluster popup, the CSV and English', async () => {
  const { context, page, errors } = await loggedInPage();

  // The newest campaign is preselected; pick it explicitly and wait for its picture.
  await page.selectOption('#campaign', campaign.id);
  await page.waitForFunction((name) => document.querySelector('#picture-title').textContent === name, campaign.name.sv);
  const ranks = await page.$$eval('#ranking tbody tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.dataset.area]));
  assert.equal(ranks.length, 5, 'five focus areas are ranked');
  assert.deepEqual(ranks.map((r) => r[0].split(' ')[0]), ['1', '2', '3', '4', '5']);
  const apiPicture = (await api('GET', `/api/v1/picture?campaign=${campaign.id}`, undefined, coordinatorToken)).json();
  const apiOrder = [...apiPicture.focus_areas].sort((a, b) => a.rank - b.rank).map((a) => a.area);
  assert.deepEqual(ranks.map((r) => r[1]), apiOrder, 'the table shows the computed ranking');

  // Each rank with its bootstrap interval, the score with its interval, the areas that cannot
  // be told apart, and the experience items beside the score.
  assert.equal(apiPicture.ranking.replicates, 1000);
  for (const area of apiPicture.focus_areas) {
    const row = `#ranking tr[data-area="${area.area}"]`;
    const ri = area.rank_interval;
    assert.ok(ri && ri.low <= area.rank && area.rank <= ri.high, `${area.area}: ${JSON.stringify(ri)}`);
    const rank = await page.textContent(`${row} td.rank`);
    assert.equal(rank, ri.low === ri.high ? String(area.rank) : `${area.rank} (${ri.low}–${ri.high})`);
    const score = await page.textContent(`${row} td.score`);
    assert.match(score, /^\d+,\d\s%\s\(\d+,\d\s%–\d+,\d\s%\)/, score);
    const same = await page.$$eval(`${row} .indistinguishable`, (n) => n.map((x) => x.textContent));
    assert.equal(same.length, area.indistinguishable_from.length ? 1 : 0, `${area.area}: ${same}`);
    if (same.length) assert.match(same[0], /^Går inte att skilja från /);
    assert.equal(await page.$$eval(`${row} .area-experience li`, (n) => n.length), area.experience_questions.length);
  }
  assert.ok(apiPicture.focus_areas.some((a) => a.indistinguishable_from.length > 0), 'some areas are too close to tell apart');
  assert.match(await page.textContent('#weighting-note'), /åldersgrupp \(2023; SCB.*\).*ort \(2005; SCB/);
  assert.equal(await page.getAttribute('#weighting-note a.method-link', 'href'), '/method.html?lang=sv');

  // Question charts with their intervals, and the trend table with its significance flags.
  assert.ok((await page.$$('#question-charts canvas')).length >= 10, 'one chart per question with a negative share');
  const chartLabels = await page.$eval('#question-charts figure', (f) => f.querySelector('p.note').textContent);
  assert.match(chartLabels, /^Viktad .*oviktad/);
  await page.waitForSelector('#trends tbody tr');
  const flags = await page.$$eval('#trends tbody tr td:last-child', (cells) => cells.map((c) => c.textContent));
  assert.ok(flags.length > 0 && flags.every((f) => /Signifikant|Ej signifikant|Kan inte testas/.test(f)), flags.join('|'));
  // The campaigns are named by their years, never "Nu"; p-values below 0.001 read "< 0,001";
  // the verdict is the adjusted one, the raw p-value beside it.
  const headers = await page.$$eval('#trends thead th', (ths) => ths.map((th) => th.textContent));
  assert.ok(headers.includes(`${campaign.year} (viktat)`), headers.join('|'));
  assert.ok(!headers.includes('Nu'));
  const compareTo = await page.inputValue('#compare-to');
  assert.ok(compareTo, 'an earlier campaign is compared with by default');
  const compared = (await api('GET', `/api/v1/picture?campaign=${campaign.id}&compare_to=${compareTo}`, undefined, coordinatorToken)).json();
  for (const q of compared.questions.filter((x) => x.trend && x.negative)) {
    const row = `#trends tr[data-question="${q.id}"]`;
    const raw = await page.textContent(`${row} td.p-raw`);
    const adjusted = await page.textContent(`${row} td.p-adjusted`);
    const expect = (p) => (p < 0.001 ? '< 0,001' : p.toFixed(3).replace('.', ','));
    assert.equal(raw, expect(q.trend.p_value), q.id);
    assert.equal(adjusted, expect(q.trend.p_adjusted), q.id);
    assert.equal(await page.textContent(`${row} td:last-child`), q.trend.significant ? 'Signifikant' : (q.trend.test_valid ? 'Ej signifikant' : 'Kan inte testas'));
  }
  // Each chart is read out as what it draws: the question, its shares and the comparison year's.
  const near = (text, share) => Math.abs(Number(text.replace(',', '.')) - share * 100) <= 0.051;
  for (const q of compared.questions.filter((x) => x.trend && x.negative && !x.background).slice(0, 3)) {
    const label = await page.getAttribute(`#question-charts figure[data-question="${q.id}"] canvas`, 'aria-label');
    assert.ok(label.startsWith(`Diagram: ${q.text.sv}. Andel negativa svar: `), label);
    const weighted = label.match(/Viktad (\d+,\d)\s%/);
    assert.ok(weighted && near(weighted[1], q.negative.weighted.share), label);
    const previous = label.match(new RegExp(`${compared.compare_year}, viktad: (\\d+,\\d)\\s%`));
    assert.ok(previous && near(previous[1], q.trend.previous.share), label);
  }
  assert.ok(headers.includes(`${compared.compare_year} (viktat)`), headers.join('|'));
  // The page's own formatter: three decimals, "< 0,001" below that (never "0,000").
  const formatted = await page.evaluate(async () => {
    const { pValue } = await import('/i18n.js');
    return [0.0004, 0.00099, 0.001, 0.0123, 0.5].map(pValue);
  });
  assert.deepEqual(formatted, ['< 0,001', '< 0,001', '0,001', '0,012', '0,500']);

  // A locality narrows the picture.
  await page.selectOption('#locality', 'vindeln');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Lägesbilden är uppdaterad.' &&
    document.querySelector('#summary dd').textContent !== '');
  const local = (await api('GET', `/api/v1/picture?campaign=${campaign.id}&locality=vindeln`, undefined, coordinatorToken)).json();
  assert.ok(local.respondents < apiPicture.respondents && local.respondents > 0);
  await page.waitForFunction((n) => document.querySelector('#summary dd').textContent === String(n), local.respondents);
  await page.selectOption('#locality', '');
  await page.waitForFunction((n) => document.querySelector('#summary dd').textContent === String(n), apiPicture.respondents);

  // The map: clusters as circle markers even with no tiles; a popup opens on click.
  await page.waitForSelector('path.cluster-marker');
  const clusters = await page.$$('path.cluster-marker');
  assert.equal(clusters.length, apiPicture.places.length, 'one marker per cluster');
  await page.click('path.cluster-1');
  const popup = await page.waitForSelector('.leaflet-popup-content');
  const popupText = await popup.textContent();
  assert.match(popupText, /Kluster 1/);
  assert.match(popupText, new RegExp(`Omnämnanden i enkäten: ${apiPicture.places[0].survey_mentions}`));
  const geojson = (await api('GET', `/api/v1/picture/places.geojson?campaign=${campaign.id}`, undefined, coordinatorToken)).json();
  const firstReason = geojson.features.find((f) => f.properties.rank === 1).properties.reasons[0];
  assert.ok(firstReason.label.sv, 'reasons carry their survey labels');
  assert.ok(popupText.includes(`${firstReason.label.sv} ${firstReason.count}`), popupText);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1');
  await page.locator('#map').screenshot({ path: path.join(artifactDir, 'map-popup.png') });
  await page.screenshot({ path: path.join(artifactDir, 'dashboard-sv.png'), fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(artifactDir, 'dashboard-sv-top.png') });
  await page.locator('#question-charts figure').first().screenshot({ path: path.join(artifactDir, 'question-chart.png') });

  // The resident's markup is shown as text and never runs.
  const shown = await page.$$eval('#unlocated .resident-text', (items) => items.map((i) => i.textContent));
  assert.ok(shown.includes(HOSTILE), 'the hostile description is listed literally');
  assert.equal(await page.$$eval('#unlocated img', (imgs) => imgs.length), 0);
  assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
  await page.locator('#unlocated').scrollIntoViewIfNeeded();
  await page.locator('#unlocated').screenshot({ path: path.join(artifactDir, 'unlocated-escaped.png') });

  // CSV export: one row per response, free text only when asked for.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csvPath = path.join(artifactDir, download.suggestedFilename());
  await download.saveAs(csvPath);
  const csv = fs.readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '');
  const rows = csv.trimEnd().split('\r\n');
  const header = rows[0].split(',');
  assert.deepEqual(header.slice(0, 4), ['response_id', 'submitted_at', 'channel', 'locale']);
  assert.ok(header.includes('q_trygg_dag'));
  assert.ok(!header.includes('q_tryggare'), 'text questions are left out without free_text=1');
  assert.equal(rows.length - 1, apiPicture.respondents, 'one row per response');
  const hostileRow = rows.find((r) => r.startsWith(hostileId));
  assert.ok(hostileRow, 'the pushed response is exported');
  assert.ok(!csv.includes('<img'), 'no free text in the default export');
  const full = await fetch(`${base}/api/v1/export/responses.csv?campaign=${campaign.id}&free_text=1`, {
    headers: { Authorization: `Bearer ${coordinatorToken}` },
  }).then((r) => r.text());
  assert.ok(full.includes(`"'=HYPERLINK(""http://example.invalid"",""klicka"")"`), 'a formula is defused with a quote');
  assert.ok(full.includes(HOSTILE.replaceAll('"', '""')), 'the description is exported when asked for');

  // English.
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#ranking').closest('section').querySelector('h2').textContent === 'Focus areas by concern');
  assert.equal(await page.textContent('#login-view h2'), 'Log in');
  const areaNames = await page.$$eval('#ranking tbody th .area-name', (cells) => cells.map((c) => c.textContent));
  assert.ok(areaNames.includes('Drugs') && areaNames.includes('Traffic'), areaNames.join('|'));
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('#status'), /^Downloaded responses-/);
  await page.screenshot({ path: path.join(artifactDir, 'dashboard-en.png'), fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(artifactDir, 'dashboard-en-top.png') });

  assert.deepEqual(errors, [], 'no script errors');
  await context.close();
});

test('a coordinator publishes a survey\'s summary for residents and devices from the Lägesbild view', async () => {
  const campaigns = (await api('GET', '/api/v1/campaigns', undefined, coordinatorToken)).json().campaigns;
  const older = campaigns.filter((c) => c.id.startsWith('trygghetsenkat_') && c.id !== campaign.id).sort((a, b) => b.year - a.year)[0];
  assert.ok(older, 'the demo has an earlier survey campaign');
  const publishedFor = async (id) => (await api('GET', '/api/v1/public')).json().summaries.find((s) => s.campaign_id === id);
  assert.ok(await publishedFor(campaign.id), 'the demo publishes its newest survey');
  assert.equal(await publishedFor(older.id), undefined);

  const page = await newAxePage(browser, { width: 1366, height: 900 });
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await logIn(page, base, USER, PASSWORD);
  await page.waitForSelector('#publish-state[data-published=true]');
  assert.match(await page.textContent('#publish-state'), /^Senast publicerad \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await page.selectOption('#campaign', older.id);
  await page.waitForFunction((name) => document.querySelector('#picture-title').textContent === name, older.name.sv);
  await page.waitForSelector('#publish-state[data-published=false]');
  assert.equal(await page.textContent('#publish-state'), 'Sammanfattningen för den här undersökningen är inte publicerad.');

  // Cancelled: nothing is published, and the focus is back on the button.
  await page.click('#publish-summary');
  await page.waitForSelector('#publish-dialog[open]');
  assert.match(await page.textContent('#publish-dialog-title'), new RegExp(`Publicera sammanfattningen för ${older.name.sv}`));
  assert.deepEqual(await axeViolations(page), []);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#publish-dialog', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'publish-summary');
  assert.equal(await publishedFor(older.id), undefined);

  await page.click('#publish-summary');
  await page.click('#publish-dialog-confirm');
  await page.waitForFunction(() => /är publicerad/.test(document.querySelector('#status').textContent));
  await page.waitForSelector('#publish-state[data-published=true]');
  const summary = await publishedFor(older.id);
  assert.ok(summary, 'the public page has it');
  assert.equal(summary.title.sv, older.name.sv);
  assert.ok(!JSON.stringify(summary).includes('onerror'), 'no free text is published');
  // Devices get it at their next sync.
  let cursor = '';
  let pulled = null;
  for (let i = 0; i < 50 && !pulled; i++) {
    const res = await api('GET', `/api/v1/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=500`, undefined, officerToken);
    assert.equal(res.status, 200, res.text);
    const body = res.json();
    pulled = body.changes.find((c) => c.kind === 'public_summary' && c.id === `public_summary@${older.id}`);
    cursor = body.cursor;
    if (!body.more) break;
  }
  assert.ok(pulled, 'an officer device pulls the new summary');
  assert.equal(pulled.body.published_at, summary.published_at);
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('#publish-card').screenshot({ path: path.join(artifactDir, 'publish-card.png') });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#publish-heading').textContent === 'Publish for residents');
  assert.match(await page.textContent('#publish-state'), /^Last published /);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the printable report opens from the dashboard with the same figures', async () => {
  const { context, page, errors } = await loggedInPage();
  await page.selectOption('#campaign', campaign.id);
  await page.waitForFunction((name) => document.querySelector('#picture-title').textContent === name, campaign.name.sv);
  const [report] = await Promise.all([context.waitForEvent('page'), page.click('#export-report')]);
  await report.waitForSelector('body[data-ready=true]');
  assert.equal(await report.textContent('#report-campaign'), campaign.name.sv);
  const rows = await report.$$eval('#ranking tbody tr', (trs) => trs.length);
  assert.equal(rows, 5);
  // The report labels each figure weighted or unweighted, names the years and links the method.
  const heads = await report.$$eval('#questions thead th', (ths) => ths.map((th) => th.textContent));
  assert.ok(heads.includes(`${campaign.year} (viktat)`) && heads.includes('Oviktad (95 % KI)'), heads.join('|'));
  assert.equal(await report.getAttribute('#weighting-note a.method-link', 'href'), '/method.html?lang=sv');
  assert.ok(await report.$$eval('#ranking td.rank', (c) => c.some((x) => /\(\d–\d\)/.test(x.textContent))));
  await report.emulateMedia({ media: 'print' });
  assert.equal(await report.isVisible('#print'), false, 'the print button is not printed');
  await report.screenshot({ path: path.join(artifactDir, 'report-print.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('static files: no path leaves the dashboard, unknown API paths stay JSON 404', async () => {
  // Sent verbatim (fetch would normalise the dot segments away).
  const rawStatus = (target) =>
    new Promise((resolve, reject) => {
      const url = new URL(base);
      http.get({ host: url.hostname, port: url.port, path: target }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
  for (const p of ['/package.json', '/../package.json', '/%2e%2e/package.json', '/vendor/leaflet/../../package.json',
    '/vendor/leaflet/%2e%2e/%2e%2e/package.json', '/vendor/left-pad/index.js', '/.git/config', '/app.js%00.png']) {
    assert.equal(await rawStatus(p), 404, p);
  }
  const index = await fetch(base + '/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-security-policy'), /script-src 'self'/);
  const leaflet = await fetch(base + '/vendor/leaflet/leaflet.js');
  assert.equal(leaflet.status, 200);
  assert.match(leaflet.headers.get('content-type'), /javascript/);
  const unknown = await fetch(base + '/api/v1/nothing');
  assert.equal(unknown.status, 404);
  assert.equal((await unknown.json()).error.code, 'not_found');
});

// Last in this file: it locks the loopback address out of signing in for the failure window.
test('sign-in errors in Swedish and English: wrong password, then locked after too many failures', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + '/');
  const attempt = async (password) => {
    await page.evaluate(() => { document.getElementById('login-error').hidden = true; });
    await page.fill('#username', USER);
    await page.fill('#password', password);
    await page.click('#login-form [type=submit]');
    await page.waitForSelector('#login-error:not([hidden])');
    return page.textContent('#login-error');
  };
  assert.equal(await attempt('fel-1'), 'Fel användarnamn eller lösenord.');
  assert.equal(await attempt('fel-2'), 'Fel användarnamn eller lösenord.');
  assert.equal(await attempt('fel-3'), 'Fel användarnamn eller lösenord.');
  // The fourth attempt is refused before the password is checked: the right one fails too.
  assert.match(await attempt(PASSWORD), /^För många misslyckade inloggningar\. Försök igen om \d+ min\.$/);
  assert.equal(await page.isVisible('#picture'), false);
  await page.selectOption('#language', 'en');
  assert.match(await attempt(PASSWORD), /^Too many failed sign-ins\. Try again in \d+ min\.$/);
  await page.screenshot({ path: path.join(artifactDir, 'login-locked.png') });
  await context.close();
});
