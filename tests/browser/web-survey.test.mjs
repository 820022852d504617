// The resident web survey in a real browser against the real server, at phone size: a resident
// opens /s/VINDELN-2025 and answers all seven question types (the number question first wrong,
// then right, as the WebAssembly validator says); halfway the network goes and the server is
// stopped; the page is reloaded and continues where it was, is finished offline, waits, and
// is sent when the network and the server are back. Exactly one response is then in the
// server's database, with the answers given, and it counts in the lägesbild. Each page passes
// axe-core (WCAG 2.1 AA) and has no control smaller than 44 px; screenshots are kept.
//
// Environment (tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR, TD_WEB_DIR.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { artifactDir, launchBrowser, request, sourceDir, startDemoServer, startServer, stopAll } from './harness.mjs';
import {
  CODE, DESKTOP, PHONE, checkPage, choose, currentQuestion, measureLoad, next, sql, stored,
  waitUntilCachedForOffline, walk, webDir,
} from './web-survey-support.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-webbenkat-2025';
const CAMPAIGN = 'trygghetsenkat_2025';
// Where the phone is when the resident taps "Här jag står nu" (by Vindeln's station).
const HERE = { latitude: 64.20123, longitude: 19.71498, accuracy: 12 };

let tmp;
let db;
let server;
let base;
let browser;
let token;

before(async () => {
  ({ tmp, db, server, base, coordinatorToken: token } = await startDemoServer({
    name: 'web-survey', user: USER, password: PASSWORD, responsesPerWave: 40, dashboardDir: webDir,
  }));
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

async function picture() {
  const res = await request(base, 'GET', `/api/v1/picture?campaign=${CAMPAIGN}`, undefined, token);
  assert.equal(res.status, 200, res.text);
  return res.json();
}

function distributionCount(pic, questionId, key) {
  const q = pic.questions.find((x) => x.id === questionId);
  assert.ok(q, `no ${questionId} in the picture`);
  const cell = q.distribution.find((d) => d.id === String(key));
  return cell ? cell.count : 0;
}

// Located survey mentions: those in clusters and those left over as noise.
function locatedMentions(pic) {
  return pic.places.reduce((sum, p) => sum + p.survey_mentions, 0) + pic.unclustered_mentions;
}

function unlocatedCount(pic, text) {
  return pic.unlocated.find((u) => u.text === text)?.count ?? 0;
}

test('a resident answers every type, offline halfway, and the response arrives once and counts', async () => {
  const before = {
    rows: sql(db, `SELECT count(*) AS n FROM records WHERE kind = 'response' AND json_extract(body, '$.campaign_id') = '${CAMPAIGN}'`)[0].n,
    picture: await picture(),
  };
  const context = await browser.newContext({
    viewport: PHONE, geolocation: HERE, permissions: ['geolocation'], locale: 'sv-SE',
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(`${base}/s/${CODE}`);
  assert.equal(await currentQuestion(page), 'q_trygg_dag');
  assert.equal(await page.textContent('.progress-text'), 'Fråga 1 av 26');
  await checkPage(page, 'web-survey-first-390', artifactDir);
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${artifactDir}/web-survey-first-1366.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await waitUntilCachedForOffline(page);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope), `${base}/s/`);

  // The first question with the keyboard alone: Tab to the options, arrows to choose, Tab to
  // Next and Enter.
  await page.focus('#q-q_trygg_dag-title');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q-q_trygg_dag-o0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.isChecked('#q-q_trygg_dag-o2'), true);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'next');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#q-q_trygg_kvall-title');
  // Focus moves to the new question, for screen readers and keyboards.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q-q_trygg_kvall-title');

  const firstHalf = {
    q_trygg_kvall: (p) => choose(p, 'q_trygg_kvall', 4), // vet ej
    q_trygghet_forandring: (p) => choose(p, 'q_trygghet_forandring', 2),
    q_kvallar_ute: async (p) => {
      await p.fill('#q-q_kvallar_ute-input', '9');
      await p.click('#next');
      await p.waitForSelector('#q-q_kvallar_ute-error');
      assert.equal(await p.textContent('#q-q_kvallar_ute-error'), 'Talet ska vara mellan 0 och 7.');
      assert.equal(await p.getAttribute('#q-q_kvallar_ute-input', 'aria-invalid'), 'true');
      await checkPage(p, 'web-survey-number-error-390', artifactDir);
      await p.fill('#q-q_kvallar_ute-input', '3');
    },
    q_avstar_kvall: (p) => choose(p, 'q_avstar_kvall', 0), // ja: shows q_avstar_hur
    q_avstar_hur: (p) => choose(p, 'q_avstar_hur', 0, 2),
  };
  const seen = await walk(page, firstHalf, (id) => id === 'q_oro_droger');
  assert.ok(seen.includes('q_avstar_hur'), 'the show-if question appears after "ja"');

  // No network, and no server either (setOffline does not reach the service worker).
  await context.setOffline(true);
  server.kill('SIGTERM');
  await once(server, 'exit');
  server = null;

  await choose(page, 'q_oro_droger', 1);
  await next(page);
  const whereWeWere = await currentQuestion(page);
  const progress = await page.textContent('.progress-text');
  await page.reload();
  assert.equal(await currentQuestion(page), whereWeWere, 'the reload continues where it was');
  assert.equal(await page.textContent('.progress-text'), progress);
  await page.click('#back');
  await page.waitForSelector('#q-q_oro_droger-title');
  assert.equal(await page.isChecked('#q-q_oro_droger-o1'), true, 'the answers are kept');
  await next(page);

  const secondHalf = {
    q_problem: (p) => choose(p, 'q_problem', 0, 7),
    q_otrygga_platser_finns: (p) => choose(p, 'q_otrygga_platser_finns', 0),
    q_otrygga_platser: async (p) => {
      const base = '#q-q_otrygga_platser';
      // From the registry, searched for.
      await p.fill(`${base}-p0-search`, 'station');
      await p.waitForSelector(`${base}-p0-results label:has-text("Stationen, Vindeln")`);
      await p.click(`${base}-p0-results label:has-text("Stationen, Vindeln")`);
      await p.click(`label[for="q-q_otrygga_platser-p0-time-2"]`);
      await p.click(`label[for="q-q_otrygga_platser-p0-time-3"]`);
      await p.click(`label[for="q-q_otrygga_platser-p0-reason-0"]`);
      // Where I stand now, with its accuracy.
      await p.click(`${base}-add`);
      await p.click(`label[for="q-q_otrygga_platser-p1-source-here"]`);
      await p.click(`${base}-p1-locate`);
      await p.waitForFunction(() => /±12 m/.test(document.getElementById('q-q_otrygga_platser-p1-position')?.textContent ?? ''));
      await p.click(`label[for="q-q_otrygga_platser-p1-time-3"]`);
      // In words.
      await p.click(`${base}-add`);
      await p.click(`label[for="q-q_otrygga_platser-p2-source-describe"]`);
      await p.fill(`${base}-p2-description`, 'Gångtunneln vid skolan');
      await p.click(`label[for="q-q_otrygga_platser-p2-reason-1"]`);
      await checkPage(p, 'web-survey-place-390', artifactDir);
    },
    q_tryggare: (p) => p.fill('#q-q_tryggare-input', 'Mer belysning vid stationen.'),
    q_alder: (p) => choose(p, 'q_alder', 2),
  };
  const rest = await walk(page, secondHalf);
  for (const id of ['q_problem', 'q_otrygga_platser', 'q_tryggare', 'q_alder']) assert.ok(rest.includes(id), id);
  assert.equal(await currentQuestion(page), '#review');
  await checkPage(page, 'web-survey-review-390', artifactDir);
  await page.click('#send');
  await page.waitForSelector('#response-status');
  await page.waitForFunction(() => /skickas av sig själva/.test(document.getElementById('response-status').textContent));
  assert.match(await page.textContent('#outbox-status'), /Svar som väntar på att skickas: 1/);
  if (!(await page.evaluate(() => navigator.storage.persisted()))) {
    assert.match(await page.textContent('#outbox-status'), /inte lovat att spara svaren/);
  }
  await checkPage(page, 'web-survey-waiting-390', artifactDir);
  const [waiting] = await stored(page, 'outbox');
  assert.equal(waiting.state, 'waiting');
  assert.match(waiting.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(await stored(page, 'drafts'), [], 'the draft went into the outbox');

  // The server comes back where it was, then the network.
  const restarted = await startServer(db, 'web-survey-server-2.log', [], { listen: base.slice('http://'.length), dashboardDir: webDir });
  server = restarted.child;
  await context.setOffline(false);
  await page.waitForFunction(() => document.getElementById('response-status').textContent === 'Svaren har skickats.', null, { timeout: 30000 });
  assert.equal(await page.isHidden('#outbox-status'), true);
  await checkPage(page, 'web-survey-sent-390', artifactDir);

  // Exactly one response, with the answers as given.
  const rows = sql(db, `SELECT body FROM records WHERE id = '${waiting.id}'`);
  assert.equal(rows.length, 1);
  const body = JSON.parse(rows[0].body);
  assert.equal(body.channel, 'web');
  assert.equal(body.locale, 'sv');
  assert.deepEqual(body.answers, {
    q_trygg_dag: 3,
    q_trygg_kvall: 'vet_ej',
    q_trygghet_forandring: 'otryggare',
    q_kvallar_ute: 3,
    q_avstar_kvall: true,
    q_avstar_hur: ['annan_vag', 'sallskap'],
    q_oro_droger: 2,
    q_problem: ['nedskrapning', 'dalig_belysning'],
    q_otrygga_platser_finns: true,
    q_otrygga_platser: [
      { place_id: 'vindeln_stationen', times_of_day: ['evening', 'night'], reasons: ['poor_lighting'] },
      { position: { lat: 64.20123, lon: 19.71498, accuracy_m: 12 }, times_of_day: ['night'], reasons: [] },
      { description: 'Gångtunneln vid skolan', times_of_day: [], reasons: ['deserted'] },
    ],
    q_tryggare: 'Mer belysning vid stationen.',
    q_alder: '45_64',
  });
  const count = sql(db, `SELECT count(*) AS n FROM records WHERE kind = 'response' AND json_extract(body, '$.campaign_id') = '${CAMPAIGN}'`)[0].n;
  assert.equal(count, before.rows + 1);

  // The same record once more, as a lost acknowledgement would make it: still one.
  const enrolled = await request(base, 'POST', '/api/v1/devices/enrol', { code: CODE });
  const again = await request(base, 'POST', '/api/v1/sync/push', {
    records: [{ kind: 'response', id: waiting.id, rev: 1, hlc: '00000000000a-00000000-web', body: waiting.response }],
  }, enrolled.json().token);
  assert.equal(again.json().results[0].status, 'duplicate');
  assert.equal(sql(db, `SELECT count(*) AS n FROM records WHERE id = '${waiting.id}'`)[0].n, 1);

  // It counts in the lägesbild.
  const after = await picture();
  assert.equal(after.respondents - before.picture.respondents, 1);
  assert.equal(distributionCount(after, 'q_trygg_dag', 3) - distributionCount(before.picture, 'q_trygg_dag', 3), 1);
  // Its registry place and its position are located mentions; its description is unlocated.
  assert.equal(locatedMentions(after) - locatedMentions(before.picture), 2);
  assert.equal(unlocatedCount(after, 'gångtunneln vid skolan') - unlocatedCount(before.picture, 'gångtunneln vid skolan'), 1);
  assert.ok(after.places.some((p) => p.place_id === 'vindeln_stationen'));

  // The next person on this phone sees nothing of it, and the token sees no one's answers.
  await page.click('#again');
  await page.waitForSelector('#q-q_trygg_dag-title');
  assert.equal(await page.$$eval('main input:checked', (els) => els.length), 0);
  const [{ token: residentToken }] = await stored(page, 'tokens');
  const pulled = await request(base, 'GET', '/api/v1/sync/pull?limit=1000', undefined, residentToken);
  assert.equal(pulled.status, 200);
  assert.equal(pulled.json().changes.filter((c) => c.kind === 'response').length, 0);
  assert.equal((await request(base, 'GET', `/api/v1/picture?campaign=${CAMPAIGN}`, undefined, residentToken)).status, 403);
  assert.deepEqual(errors, []);
  await context.close();
});

test('English beside Swedish: the switch changes every text and the response records it', async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(`${base}/s/${CODE}`);
  await page.waitForSelector('#q-q_trygg_dag-title');
  assert.equal(await page.textContent('#language'), 'English');
  await page.click('#language');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.textContent('#q-q_trygg_dag-title'), /How safe do you feel/);
  assert.match(await page.textContent('.progress-text'), /^Question 1 of \d+$/);
  assert.equal(await page.textContent('#next'), 'Next');
  assert.equal(await page.textContent('#language'), 'Svenska');
  await checkPage(page, 'web-survey-english-390', artifactDir);
  await page.click('#next');
  await page.waitForSelector('#q-q_trygg_dag-error');
  assert.equal(await page.textContent('#q-q_trygg_dag-error'), 'This question must be answered.');
  await choose(page, 'q_trygg_dag', 0);
  await next(page);
  await page.reload();
  await page.waitForSelector('#q-q_trygg_kvall-title');
  assert.match(await page.textContent('#q-q_trygg_kvall-title'), /late in the evening/, 'the language is kept with the draft');
  const [draft] = await stored(page, 'drafts');
  assert.equal(draft.locale, 'en');
  await context.close();
});

test('with no code the page asks for one, and an unknown code says so', async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(`${base}/s/`);
  await page.waitForSelector('#code');
  await checkPage(page, 'web-survey-code-390', artifactDir);
  await page.fill('#code', 'finns-inte');
  await page.click('main button[type=submit]');
  await page.waitForURL(`${base}/s/finns-inte`);
  await page.waitForSelector('main .error');
  assert.match(await page.textContent('main .error'), /ingen enkät med koden FINNS-INTE/);
  await page.fill('#code', CODE.toLowerCase());
  await page.click('main button[type=submit]');
  await page.waitForSelector('#q-q_trygg_dag-title');
  await context.close();
});

test('the first question costs at most 150 KB compressed, the model at most 250 KB, no CDN', async () => {
  const load = await measureLoad(browser, `${base}/s/${CODE}`, { readySelector: '#q-q_trygg_dag-title', wasm: true });
  assert.deepEqual(load.origins, [new URL(base).origin], 'everything from the server itself');
  assert.ok(load.firstBytes > 20000, `measured ${load.firstBytes} bytes: the survey itself is counted`);
  assert.ok(load.firstBytes <= 150 * 1024, `${load.firstBytes} bytes before the first question:\n${load.firstFiles.join('\n')}`);
  assert.ok(load.wasmBytes <= 250 * 1024, `td-model.wasm: ${load.wasmBytes} bytes`);
});

test('every text of the page is in Swedish and English under the same keys, every validator issue too', () => {
  const dir = path.join(sourceDir, 'dashboard', 'public', 's');
  const sv = JSON.parse(fs.readFileSync(path.join(dir, 'i18n', 'sv.json'), 'utf8'));
  const en = JSON.parse(fs.readFileSync(path.join(dir, 'i18n', 'en.json'), 'utf8'));
  assert.deepEqual(Object.keys(en).sort(), Object.keys(sv).sort());
  for (const [key, text] of Object.entries(sv)) {
    assert.ok(text.trim() && en[key].trim(), key);
    // The same placeholders in both languages.
    const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(names(en[key]), names(text), key);
  }
  const used = new Set();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.html'))) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of source.matchAll(/\bt\('([^'$]+)'/g)) used.add(m[1]);
    for (const m of source.matchAll(/data-i18n="([^"]+)"/g)) used.add(m[1]);
  }
  const dynamic = [
    ...['sent', 'waiting', 'closed', 'limit', 'rejected', 'removed'].map((s) => `thanks.${s}`),
    ...['morning', 'day', 'evening', 'night'].map((s) => `time.${s}`),
    ...['list', 'here', 'describe'].map((s) => `place.source.${s}`),
  ];
  // The issue codes the response validator gives at an answer's path (read from its source;
  // issues at fixed paths such as "locale" concern what the page itself writes), and those of
  // the shared checks it uses on answers.
  const validator = fs.readFileSync(path.join(sourceDir, 'shared', 'model', 'src', 'validate_response.cpp'), 'utf8');
  const issueCodes = new Set([...validator.matchAll(/add\((?!")[^,]+,\s*"([a-z_]+)"/g)].map((m) => m[1]));
  assert.ok(issueCodes.size >= 15, [...issueCodes].join(' '));
  for (const code of [...issueCodes, 'blank_text', 'text_too_long', 'position_out_of_range', 'invalid_id']) dynamic.push(`issue.${code}`);
  for (const key of [...used, ...dynamic]) assert.ok(key in sv, `missing text ${key}`);
});

test('the first question shows without the model; going on without it says so plainly', async () => {
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route('**/s/td-model.wasm', (route) => route.abort('internetdisconnected'));
  await page.goto(`${base}/s/${CODE}`);
  await page.waitForSelector('#q-q_trygg_dag-title');
  await choose(page, 'q_trygg_dag', 0);
  await page.click('#next');
  await page.waitForSelector('main h1');
  assert.equal(await page.textContent('main h1'), 'Enkäten kunde inte laddas helt');
  const [draft] = await stored(page, 'drafts');
  assert.equal(draft.answers.q_trygg_dag, 1, 'the answer is kept');
  await context.close();
});
