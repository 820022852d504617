// Medborgarlöften in a real browser: the dashboard view (activity status and assessment saved
// through the API and still there after a reload), the printable follow-up report and its CSV,
// and the public page at desktop and phone size in Swedish and English — which must never send a
// token and never receive a free-text answer or a count below k. Debian's chromium driven by
// playwright-core against the real td-sync-server on loopback, seeded with `demo-data load`.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots and downloads are kept there).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactDir, axeViolations, launchBrowser, logIn, request, startDemoServer, stopAll, uuidv7,
} from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-löften-2025';
const unique = Math.random().toString(36).slice(2, 10);
// Free text a resident writes: must never reach the public page.
const TEXT_MARKER = `Hemlig fritext ${unique}: grannen på Storgatan 4`;
const PLACE_MARKER = `Platsbeskrivning ${unique} bakom Konsum`;
const CSV_HEADER = [
  'promise_id', 'focus_area', 'indicator_id', 'kind', 'baseline_campaign', 'baseline_value', 'baseline_n',
  'current_campaign', 'current_value', 'current_n', 'difference', 'p_value', 'p_adjusted', 'significant', 'on_track',
];

let tmp;
let server;
let base;
let browser;
let coordinatorToken;
let surveyCampaigns;


const api = (method, route, body, token) => request(base, method, route, body, token);

async function staff(route) {
  const res = await api('GET', route, undefined, coordinatorToken);
  assert.equal(res.status, 200, `${route}: ${res.text}`);
  return res;
}


function residentResponse(c) {
  return {
    id: uuidv7(),
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
      q_otrygga_platser: [{ description: PLACE_MARKER, times_of_day: ['evening'], reasons: [] }],
      q_tryggare: TEXT_MARKER,
    },
  };
}

// A CSV text (RFC 4180, CRLF rows) as arrays of cells.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// Every free-text answer of the survey campaigns: the cells the coordinator's export adds when
// asked for free text (text questions, place descriptions), compared per response with the
// export without it. CSV-injection quoting (a leading ') is undone.
async function freeTextAnswers() {
  const texts = new Set();
  for (const c of surveyCampaigns) {
    const query = `campaign=${encodeURIComponent(c.id)}`;
    const plain = parseCsv((await staff(`/api/v1/export/responses.csv?${query}`)).text);
    const full = parseCsv((await staff(`/api/v1/export/responses.csv?${query}&free_text=1`)).text);
    const plainHeader = plain[0];
    const plainRows = new Map(plain.slice(1).map((r) => [r[0], r]));
    const header = full[0];
    for (const row of full.slice(1)) {
      const other = plainRows.get(row[0]);
      header.forEach((column, i) => {
        const value = row[i];
        if (!value) return;
        const j = plainHeader.indexOf(column);
        const without = j < 0 ? '' : other[j];
        if (value === without) return;
        const known = new Set(without.split(';'));
        for (const part of value.split(';')) if (!known.has(part)) texts.add(part.replace(/^'/, ''));
      });
    }
  }
  return texts;
}

before(async () => {
  let code;
  ({ tmp, server, base, coordinatorToken, officerCode: code } = await startDemoServer({
    name: 'promises', user: USER, password: PASSWORD, responsesPerWave: 200,
  }));
  const campaigns = (await staff('/api/v1/campaigns')).json().campaigns;
  surveyCampaigns = campaigns.filter((c) => (c.channels || []).includes('survey'));
  const newest = campaigns.filter((c) => c.id.startsWith('trygghetsenkat_')).sort((a, b) => b.year - a.year)[0];
  assert.ok(newest, 'the demo data has a survey campaign');

  const enrol = await api('POST', '/api/v1/devices/enrol', { code, label: 'promises browser test' });
  assert.equal(enrol.status, 201, enrol.text);
  const responses = [residentResponse(newest)];
  const push = await api(
    'POST',
    '/api/v1/sync/push',
    { records: responses.map((r, i) => ({ kind: 'response', id: r.id, rev: 1, hlc: `${Date.now()}-000${i}-test`, body: r })) },
    enrol.json().token,
  );
  assert.equal(push.status, 200, push.text);
  assert.deepEqual(push.json().results.map((r) => r.status), ['stored'], push.text);

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

async function openPromises(page) {
  await page.click('.view-tabs a[href="#promises"]');
  await page.waitForSelector('#promises-view[data-loaded=true] article.promise');
  await page.waitForFunction(() => /uppdaterade|up to date/.test(document.querySelector('#status').textContent));
}

// The follow-up's first indicator whose baseline or current figure is suppressed.
function suppressedIndicator(followUp) {
  for (const entry of followUp.promises)
    for (const ind of entry.indicators)
      if (ind.current?.suppressed || ind.baseline?.suppressed) return { entry, ind };
  return null;
}

test('Medborgarlöften: an activity status and an assessment persist across a reload', async () => {
  const { context, page, errors } = await loggedInPage();
  await openPromises(page);
  const stored = (await staff('/api/v1/promises')).json().promises;
  assert.equal(await page.$$eval('article.promise', (a) => a.length), stored.length, 'one card per promise');
  assert.match(await page.textContent('#agreement'), /Polismyndigheten/);
  assert.match(await page.textContent('#agreement'), /tills en ny/);

  const promise = stored.find((p) => p.activities.length > 0);
  const activity = promise.activities[0];
  const next = activity.status === 'done' ? 'ongoing' : 'done';
  const select = `article[data-promise="${promise.id}"] tr[data-activity="${activity.id}"] select`;
  assert.equal(await page.inputValue(select), activity.status);
  await page.selectOption(select, next);
  await page.waitForFunction(() => /Status sparad/.test(document.querySelector('#status').textContent));
  const after = (await staff(`/api/v1/promises/${promise.id}`)).json();
  assert.equal(after.activities.find((a) => a.id === activity.id).status, next, 'the server stored the new status');
  assert.deepEqual(after.activities.filter((a) => a.id !== activity.id), promise.activities.filter((a) => a.id !== activity.id), 'the other activities are unchanged');

  const text = `Bedömning ${unique}: arbetet går enligt plan.\nNästa steg: fler föräldravandringar.`;
  const card = `article[data-promise="${promise.id}"]`;
  await page.fill(`${card} textarea`, text);
  await page.click(`${card} button.save-assessment`);
  await page.waitForFunction((sel) => document.querySelector(`${sel} .assessment-saved`).textContent.startsWith('Senast sparad'), card);
  const year = Number(await page.inputValue('#follow-up-year'));
  const followUp = (await staff(`/api/v1/follow-up?year=${year}`)).json();
  assert.equal(followUp.promises.find((e) => e.promise.id === promise.id).assessment.text, text);

  await page.reload();
  await page.waitForSelector('#promises-view[data-loaded=true] article.promise');
  assert.equal(await page.inputValue(select), next, 'the status is still there after a reload');
  assert.equal(await page.inputValue(`${card} textarea`), text, 'the assessment is still there after a reload');
  await page.screenshot({ path: path.join(artifactDir, 'promises-view-sv.png'), fullPage: true });

  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#agreement h2').textContent === 'The collaboration agreement');
  assert.equal(await page.textContent('.view-tabs a[aria-current]'), 'Citizen promises');
  await page.screenshot({ path: path.join(artifactDir, 'promises-view-en.png') });
  assert.deepEqual(errors, [], 'no script errors');
  await context.close();
});

test('the follow-up report: suppressed figures read as too few answers; the CSV', async () => {
  const { context, page, errors } = await loggedInPage();
  await openPromises(page);
  const year = Number(await page.inputValue('#follow-up-year'));
  const followUp = (await staff(`/api/v1/follow-up?year=${year}`)).json();
  const found = suppressedIndicator(followUp);
  assert.ok(found, 'the demo follow-up has a suppressed indicator');
  // The demo's own: the kiosk share measured at the youth centre with three answers.
  assert.equal(found.ind.id, 'otrygg_dialog');
  assert.equal(found.ind.current.campaign_id, `ungdomsdialog_${year}`);
  assert.deepEqual(Object.keys(found.ind.current).sort(), ['campaign_id', 'label', 'suppressed']);

  const [report] = await Promise.all([context.waitForEvent('page'), page.click('#open-follow-up')]);
  report.on('pageerror', (err) => errors.push(err.message));
  await report.waitForSelector('body[data-ready=true]');
  assert.equal(await report.textContent('#follow-up-title'), `Uppföljning av medborgarlöftena ${year}`);
  assert.equal(await report.$$eval('section.promise-report', (s) => s.length), followUp.promises.length);
  const row = report.locator(`section[data-promise="${found.entry.promise.id}"] tr[data-indicator="${found.ind.id}"]`);
  const suppressedCell = found.ind.current?.suppressed ? row.locator('td').nth(2) : row.locator('td').nth(1);
  assert.equal(await suppressedCell.locator('.suppressed-figure').textContent(), 'för få svar');
  const figure = found.ind.current?.suppressed ? found.ind.current : found.ind.baseline;
  const cellText = (await suppressedCell.textContent()).replace(figure.label?.sv || '', '');
  assert.doesNotMatch(cellText, /\d/, `no number for a suppressed figure: ${cellText}`);
  assert.match(await row.locator('td.verdict').textContent(), /För få svar/);
  // A figure that is shown carries its interval and number of answers.
  const shown = followUp.promises.flatMap((e) => e.indicators.map((ind) => ({ e, ind }))).find(({ ind }) => ind.current && !ind.current.suppressed && ind.current.n);
  if (shown) {
    const text = await report.locator(`section[data-promise="${shown.e.promise.id}"] tr[data-indicator="${shown.ind.id}"] td`).nth(2).textContent();
    assert.match(text, new RegExp(`95 % KI .*; ${shown.ind.current.n} svar`), text);
  }
  // The signatories' roles sign the report.
  const roles = await report.$$eval('.signature-role', (r) => r.map((x) => x.textContent));
  assert.deepEqual(roles, followUp.agreement.signatories.map((s) => s.role.sv));
  await report.emulateMedia({ media: 'print' });
  assert.equal(await report.isVisible('#print'), false, 'the print button is not printed');
  await report.screenshot({ path: path.join(artifactDir, 'follow-up-print.png'), fullPage: true });
  await row.scrollIntoViewIfNeeded();
  await row.screenshot({ path: path.join(artifactDir, 'follow-up-suppressed-row.png') });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-follow-up')]);
  const csvPath = path.join(artifactDir, download.suggestedFilename());
  await download.saveAs(csvPath);
  const rows = parseCsv(fs.readFileSync(csvPath, 'utf8'));
  assert.deepEqual(rows[0], CSV_HEADER);
  const indicatorCount = followUp.promises.reduce((n, e) => n + e.indicators.length, 0);
  assert.equal(rows.length - 1, indicatorCount, 'one row per indicator');
  const csvRow = rows.find((r) => r[0] === found.entry.promise.id && r[2] === found.ind.id);
  const col = (name) => csvRow[CSV_HEADER.indexOf(name)];
  const side = found.ind.current?.suppressed ? 'current' : 'baseline';
  assert.equal(col(`${side}_value`), 'suppressed');
  assert.ok(!/\d/.test(col(`${side}_n`)), `no count for a suppressed figure: ${col(`${side}_n`)}`);
  assert.deepEqual(errors, [], 'no script errors');
  await context.close();
});

test('police and municipality figures: a CSV through the dashboard, the ranking, motivation and follow-up', async () => {
  const { context, page, errors } = await loggedInPage();
  const stored = (await staff('/api/v1/indicators')).json().indicators;
  assert.equal(stored.length, 30, 'the demo loads five series of six years');
  await page.click('.view-tabs a[href="#indicators"]');
  await page.waitForSelector('#indicators-view[data-loaded=true] #indicator-table');
  assert.equal(await page.$$eval('#indicator-table tbody tr', (r) => r.length), stored.length);

  // A bad file: refused with its line numbers, nothing stored.
  const bad = 'indicator,area,period,value,source\r\nbelysning_felanmalningar,unsafe_places,2026,12,Vindelns kommun\r\nbelysning_felanmalningar,unsafe_places,2026-Q1,tolv,Vindelns kommun\r\n';
  await page.setInputFiles('#indicator-file', { name: 'fel.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.click('#indicator-upload');
  await page.waitForSelector('#indicator-result tr[data-line]');
  assert.deepEqual(await page.$$eval('#indicator-result tr[data-line]', (r) => r.map((x) => x.dataset.line)), ['3']);
  assert.match(await page.textContent('#indicator-result'), /lästes inte in/);
  await page.screenshot({ path: path.join(artifactDir, 'indicators-rejected.png'), fullPage: true });
  assert.equal((await staff('/api/v1/indicators')).json().indicators.length, stored.length, 'nothing stored');

  // A good file, with markup in the source that must stay text.
  const source = '<b>Vindelns kommun</b>';
  // Names for the new indicator; empty name cells keep the demo's names of the other one.
  const good = `indicator,area,period,value,source,name_sv,name_en\r\nbelysning_felanmalningar,unsafe_places,2026,57,${source},Felanmälningar om gatubelysning,Street-light fault reports\r\nanmalda_narkotikabrott,drugs,2025,40,Polisen,,\r\n`;
  await page.setInputFiles('#indicator-file', { name: 'siffror.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.click('#indicator-upload');
  await page.waitForSelector('#indicator-result.ok');
  const replacedBefore = stored.find((f) => f.indicator === 'anmalda_narkotikabrott' && f.period === '2025');
  const expected = replacedBefore.value === 40 ? '1 nya, 0 ersatta, 1 oförändrade' : '1 nya, 1 ersatta, 0 oförändrade';
  assert.match(await page.textContent('#indicator-result'), new RegExp(`2 rader lästes in: ${expected}`));
  await page.waitForSelector('#indicator-table tr[data-figure="belysning_felanmalningar@unsafe_places@2026"]');
  assert.equal(await page.textContent('#indicator-table tr[data-figure="belysning_felanmalningar@unsafe_places@2026"] td:nth-of-type(4)'), source);
  assert.equal(await page.textContent('#indicator-table tr[data-figure="belysning_felanmalningar@unsafe_places@2026"] th .indicator-name'), 'Felanmälningar om gatubelysning');
  assert.equal(await page.textContent('#indicator-table tr[data-figure="anmalda_narkotikabrott@drugs@2025"] th .indicator-name'), 'Anmälda narkotikabrott', 'empty name cells keep the stored name');
  await page.screenshot({ path: path.join(artifactDir, 'indicators-imported.png'), fullPage: true });

  // The ranking shows the new figure beside its focus area.
  await page.click('.view-tabs a[href="#picture"]');
  const cell = '#ranking tr[data-area="unsafe_places"] li[data-indicator="belysning_felanmalningar"]';
  await page.waitForSelector(cell);
  const text = await page.textContent(cell);
  assert.match(text, /57/);
  assert.match(text, /2026/);
  assert.match(text, /^Felanmälningar om gatubelysning: /, 'named, not by its id');
  assert.doesNotMatch(await page.textContent('#ranking'), /anmalda_|skadegorelse_|belysning_/, 'no indicator ids in the ranking');
  assert.ok(text.includes(source), 'the source is shown as text');
  assert.equal(await page.$$eval('#ranking b', (b) => b.length), 0, 'no markup from the file');
  await page.locator('#ranking').screenshot({ path: path.join(artifactDir, 'ranking-indicators.png') });
  await page.selectOption('#language', 'en');
  await page.waitForFunction((sel) => /^Street-light fault reports: /.test(document.querySelector(sel)?.textContent || ''), cell);
  assert.match(await page.textContent('#ranking tr[data-area="drugs"] li[data-indicator="anmalda_narkotikabrott"]'), /^Reported drug offences: /);
  await page.selectOption('#language', 'sv');

  // Deleted again through the view: gone from the list, the API and the ranking.
  await page.click('.view-tabs a[href="#indicators"]');
  const newRow = '#indicator-table tr[data-figure="belysning_felanmalningar@unsafe_places@2026"]';
  await page.click(`${newRow} button.delete-indicator`);
  await page.waitForSelector(newRow, { state: 'detached' });
  assert.ok(!(await staff('/api/v1/indicators')).json().indicators.some((f) => f.indicator === 'belysning_felanmalningar'));
  await page.click('.view-tabs a[href="#picture"]');
  await page.waitForSelector(cell, { state: 'detached' });

  // The drugs promise's motivation: the survey share and the imported figure with today's value.
  await openPromises(page);
  const motivation = 'article[data-promise="vindeln_2023_drugs"] ul.motivation';
  await page.waitForSelector(`${motivation}[data-loaded=true]`);
  const imported = await page.textContent(`${motivation} li[data-kind="imported"]`);
  assert.match(imported, /Indikator: Anmälda narkotikabrott/);
  assert.doesNotMatch(imported, /anmalda_narkotikabrott/);
  assert.match(imported, /40 \(2025, Polisen\)/);
  const share = await page.textContent(`${motivation} li[data-kind="survey_share"]`);
  assert.match(share, /Hur orolig/i);
  // Named by the campaign's year, never "Nu", and labelled weighted.
  assert.match(share, /2022: \d+,\d\s?% negativa, viktat \(95 % KI /);
  assert.doesNotMatch(share, /Nu:/);
  assert.match(share, /Oron för droger/);
  // One figure per thing: the motivation's 2022 share is the follow-up baseline's, both weighted.
  const drugShare = share.match(/2022: (\d+,\d\s?%)/)[1];
  const baselineCell = await page.textContent('article[data-promise="vindeln_2023_drugs"] table.indicators tbody tr:first-child td:nth-of-type(2)');
  assert.ok(baselineCell.startsWith(`${drugShare} viktat, 2022`), `${baselineCell} against ${drugShare}`);
  // The follow-up's current column is named by its year, not "Nu"; p-values raw and adjusted.
  const followYear = await page.inputValue('#follow-up-year');
  const indicatorHeads = await page.$$eval('article[data-promise="vindeln_2023_drugs"] table.indicators thead th', (ths) => ths.map((th) => th.textContent));
  assert.ok(indicatorHeads.includes(followYear) && !indicatorHeads.includes('Nu'), indicatorHeads.join('|'));
  assert.ok(indicatorHeads.includes('p justerat'), indicatorHeads.join('|'));
  await page.locator('article[data-promise="vindeln_2023_drugs"]').screenshot({ path: path.join(artifactDir, 'promise-motivation.png') });

  // The follow-up report shows the imported figure as a number.
  const year = Number(await page.inputValue('#follow-up-year'));
  const followUp = (await staff(`/api/v1/follow-up?year=${year}`)).json();
  const ind = followUp.promises.find((e) => e.promise.id === 'vindeln_2023_drugs').indicators.find((i) => i.id === 'narkotikabrott');
  const figures = (await staff('/api/v1/indicators?indicator=anmalda_narkotikabrott')).json().indicators;
  const of = (y) => figures.find((f) => f.area === 'drugs' && f.period === String(y)).value;
  assert.equal(ind.current.value, of(year));
  assert.equal(ind.baseline.value, of(2022));
  assert.equal(ind.difference, of(year) - of(2022));
  const [report] = await Promise.all([context.waitForEvent('page'), page.click('#open-follow-up')]);
  report.on('pageerror', (err) => errors.push(err.message));
  await report.waitForSelector('body[data-ready=true]');
  const row = report.locator('section[data-promise="vindeln_2023_drugs"] tr[data-indicator="narkotikabrott"]');
  assert.match(await row.locator('td').nth(1).textContent(), new RegExp(`^${of(2022)}`));
  assert.match(await row.locator('td').nth(2).textContent(), new RegExp(`^${of(year)}`));
  await row.scrollIntoViewIfNeeded();
  await row.screenshot({ path: path.join(artifactDir, 'follow-up-imported-row.png') });
  assert.deepEqual(errors, [], 'no script errors');
  await context.close();
});

// Walks a JSON value and collects every count of respondents below k: `n` of a figure, and
// respondents, answers, bases, category counts and dialogue topics that are neither 0 nor ≥ k;
// a place cluster's mentions plus observations.
const COUNT_KEYS = ['respondents', 'answered', 'base', 'count', 'dialogue_topics', 'non_substantive'];
function smallCounts(value, k, where = '$', out = []) {
  if (Array.isArray(value)) value.forEach((v, i) => smallCounts(v, k, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') {
    if (typeof value.survey_mentions === 'number' && typeof value.observations === 'number' && value.survey_mentions + value.observations < k)
      out.push(`${where} has ${value.survey_mentions} + ${value.observations} mentions`);
    for (const [key, v] of Object.entries(value)) {
      const at = `${where}.${key}`;
      if (key === 'n' && typeof v === 'number' && v < k) out.push(`${at}=${v}`);
      if (COUNT_KEYS.includes(key) && typeof v === 'number' && v > 0 && v < k) out.push(`${at}=${v}`);
      smallCounts(v, k, at, out);
    }
  }
  return out;
}

function stringsOf(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsOf(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringsOf(v, out));
  return out;
}

// Opens /public in `page` and records every request and every API answer it gets.
async function visitPublic(page, lang) {
  const requests = [];
  const pending = [];
  const onRequest = (req) => requests.push(req);
  const onResponse = (res) => {
    if (new URL(res.url()).pathname.startsWith('/api/')) pending.push(res.text().then((body) => ({ url: res.url(), body })));
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  await page.goto(`${base}/public${lang ? `?lang=${lang}` : ''}`);
  await page.waitForSelector('body[data-ready=true]');
  page.off('request', onRequest);
  page.off('response', onResponse);
  return { requests, answers: await Promise.all(pending) };
}

async function assertNoToken(requests) {
  assert.ok(requests.length > 0);
  for (const req of requests) {
    const headers = await req.allHeaders();
    assert.equal(headers.authorization, undefined, `${req.url()} carries an Authorization header`);
    assert.ok(!/token/i.test(req.url()) && !req.url().includes(coordinatorToken), `${req.url()} carries a token`);
    assert.ok(!(req.postData() || '').includes(coordinatorToken), `${req.url()} posts the token`);
  }
}

test('the public page at desktop and phone size, in Swedish and English', async () => {
  const pub = (await api('GET', '/api/v1/public')).json();
  for (const [size, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    for (const lang of ['sv', 'en']) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: size === 'phone' ? 2 : 1, isMobile: size === 'phone', hasTouch: size === 'phone' });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await visitPublic(page, lang === 'en' ? 'en' : undefined);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal(await page.textContent('h1'), lang === 'sv' ? 'Vill du veta hur det går?' : 'Do you want to know how it is going?');
      for (const landmark of ['header', 'nav', 'main', 'footer']) assert.equal(await page.$$eval(landmark, (n) => n.length), 1, landmark);
      assert.equal(await page.$$eval('article.promise', (a) => a.length), pub.promises.length);
      assert.equal(await page.$$eval('article.summary', (a) => a.length), pub.summaries.length);
      assert.ok(pub.summaries.length > 0, 'the demo has a published summary');
      const activityDone = pub.promises.flatMap((p) => p.activities).some((a) => a.status === 'done');
      if (activityDone) assert.ok((await page.textContent('#promises')).includes(lang === 'sv' ? 'Genomförd' : 'Done'));
      // The agreement and that it continues until a new one is signed.
      const agreementText = await page.textContent('#agreement');
      assert.match(agreementText, /Polismyndigheten/);
      assert.match(agreementText, lang === 'sv' ? /tills en ny/ : /until a new/);
      // A suppressed indicator reads as too few answers.
      const suppressed = pub.promises.flatMap((p) => p.indicators).some((i) => i.current?.suppressed || i.baseline?.suppressed);
      if (suppressed) assert.ok((await page.$$eval('#promises .too-few', (n) => n.length)) > 0, 'a suppressed indicator is shown as too few answers');
      const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      assert.ok(width.scroll <= width.inner, `no horizontal scroll at ${size}: ${width.scroll} > ${width.inner}`);
      const fontPx = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.promise-text')).fontSize));
      assert.ok(fontPx >= 16, `body text is ${fontPx}px`);
      await page.screenshot({ path: path.join(artifactDir, `public-${size}-${lang}.png`), fullPage: true });
      if (size === 'phone') await page.screenshot({ path: path.join(artifactDir, `public-${size}-${lang}-top.png`) });
      assert.deepEqual(errors, [], 'no script errors');
      await context.close();
    }
  }
  // The ranking with its intervals and the areas it cannot tell apart; the weighting's sources.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await visitPublic(page);
    const summary = pub.summaries[0];
    const areas = summary.summary.focus_areas.filter((a) => a.concern_score !== undefined);
    for (const area of areas) {
      const item = `article.summary[data-campaign="${summary.campaign_id}"] .ranking li[data-area="${area.area}"]`;
      assert.match(await page.textContent(`${item} .figure`), /oroliga \(95 % KI \d+\s%–\d+\s%\)/);
      const same = await page.$$eval(`${item} .indistinguishable`, (n) => n.map((x) => x.textContent));
      assert.equal(same.length, (area.indistinguishable_from || []).length ? 1 : 0, area.area);
    }
    assert.ok(areas.some((a) => (a.indistinguishable_from || []).length), 'the demo ranking has areas too close to tell apart');
    const weighting = await page.textContent(`article.summary[data-campaign="${summary.campaign_id}"] .weighting`);
    assert.match(weighting, /åldersgrupp \(2023; SCB/);
    assert.match(await page.textContent('.questions .figure'), /viktat \(95 % KI/);
    assert.equal(await page.getAttribute('#method-footer-link', 'href'), '/method.html?lang=sv');
    assert.deepEqual(await axeViolations(page), [], 'WCAG 2.1 AA on /public');
    await page.locator('.ranking').first().screenshot({ path: path.join(artifactDir, 'public-ranking.png') });
    await context.close();
  }
  // The language switch is a link that keeps to the page.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await visitPublic(page);
  await Promise.all([page.waitForURL(/lang=en/), page.click('#lang-en')]);
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getAttribute('#lang-en', 'aria-current'), 'true');
  await context.close();
});

test('"Så räknar vi": from /public, in Swedish and English, with the margins\' sources', async () => {
  for (const [lang, viewport] of [['sv', { width: 390, height: 844 }], ['en', { width: 1280, height: 900 }]]) {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await visitPublic(page, lang === 'en' ? 'en' : undefined);
    await Promise.all([page.waitForURL(/method\.html/), page.click('#method-footer-link')]);
    await page.waitForSelector('body[data-ready=true]');
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.textContent('h1'), lang === 'sv' ? 'Så räknar vi' : 'How we calculate');
    const margins = await page.$$eval('#margins li', (items) => items.map((i) => i.textContent));
    assert.equal(margins.length, 2, margins.join('|'));
    assert.match(margins[0], lang === 'sv' ? /^åldersgrupp — SCB.*, 2023 \(4\s446 invånare/ : /^age band — SCB.*, 2023 \(4,446 residents/);
    assert.match(margins[1], /2005/);
    assert.match(await page.textContent('main'), lang === 'sv' ? /Benjamini–Hochberg/ : /Benjamini–Hochberg/);
    assert.match(await page.textContent('#method-privacy-text'), /5/);
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    assert.ok(width.scroll <= width.inner, `no horizontal scroll: ${width.scroll} > ${width.inner}`);
    assert.deepEqual(await axeViolations(page), [], `WCAG 2.1 AA on the method page (${lang})`);
    await page.screenshot({ path: path.join(artifactDir, `method-${lang}.png`), fullPage: true });
    assert.deepEqual(errors, [], 'no script errors');
    await context.close();
  }
});

test('/public sends no token and receives no free text and no count below k', async () => {
  const freeTexts = await freeTextAnswers();
  assert.ok(freeTexts.has(TEXT_MARKER) && freeTexts.has(PLACE_MARKER), 'the export yields the pushed free texts');

  // A fresh browser with nothing stored, then a tab where a coordinator is logged in.
  const fresh = await browser.newContext();
  const freshPage = await fresh.newPage();
  const visits = [await visitPublic(freshPage)];
  const pageText = [await freshPage.innerText('body')];
  const { context, page } = await loggedInPage();
  assert.ok(await page.evaluate(() => sessionStorage.getItem('td.token')), 'the coordinator tab holds a token');
  visits.push(await visitPublic(page));
  pageText.push(await page.innerText('body'));
  visits.push(await visitPublic(page, 'en'));
  pageText.push(await page.innerText('body'));

  for (const visit of visits) {
    await assertNoToken(visit.requests);
    assert.ok(visit.answers.some((a) => new URL(a.url).pathname === '/api/v1/public'), 'the page read /api/v1/public');
    for (const answer of visit.answers) {
      const json = JSON.parse(answer.body);
      const k = json.k ?? 5;
      assert.deepEqual(smallCounts(json, k), [], `${answer.url}: counts below k`);
      const strings = stringsOf(json);
      for (const text of freeTexts) assert.ok(!strings.some((s) => s.includes(text)), `${answer.url} contains the free text "${text}"`);
      assert.ok(!answer.body.includes(coordinatorToken), 'the token is never echoed');
    }
  }
  for (const text of pageText) for (const free of freeTexts) assert.ok(!text.includes(free), `the page shows the free text "${free}"`);
  await fresh.close();
  await context.close();
});
