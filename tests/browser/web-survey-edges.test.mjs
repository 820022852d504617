// The web survey's harder cases in a real browser against the real server: a closed survey,
// a survey that closes while a response waits, the same draft in two tabs, a token that has
// expired, and a phone refused a token by the per-address limit (it still answers, and sends
// later). axe-core and the touch-target check run on each page shown; screenshots are kept.
//
// Environment (tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR, TD_WEB_DIR.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { artifactDir, launchBrowser, request, startDemoServer, stopAll } from './harness.mjs';
import { CLOSED_CODE, CODE, PHONE, checkPage, choose, next, sql, stored, waitForToken, webDir } from './web-survey-support.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-kanter-2025';
const CAMPAIGN = 'trygghetsenkat_2025';

let browser;
const servers = [];

async function demoServer(name, serverArgs = []) {
  const s = await startDemoServer({ name, user: USER, password: PASSWORD, responsesPerWave: 20, serverArgs, dashboardDir: webDir });
  servers.push(s);
  return s;
}

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser });
  for (const s of servers) await stopAll(s);
});

// A phone of its own (a fresh context) opening the survey; `worker` keeps the service worker.
async function openPhone(base, { worker = false } = {}) {
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: worker ? 'allow' : 'block' });
  const page = await context.newPage();
  await page.goto(`${base}/s/${CODE}`);
  await page.waitForSelector('#q-q_trygg_dag-title, main h1');
  return { context, page };
}

// Answers the two required questions and sends from the review page.
async function answerAndSend(page) {
  await page.waitForSelector('#q-q_trygg_dag-title');
  await choose(page, 'q_trygg_dag', 1);
  await next(page);
  await choose(page, 'q_trygg_kvall', 2);
  await next(page);
  while (!(await page.$('#send'))) await next(page);
  await page.click('#send');
  await page.waitForSelector('#response-status');
}

const responsesOf = (db) => sql(db, `SELECT count(*) AS n FROM records WHERE kind = 'response' AND json_extract(body, '$.campaign_id') = '${CAMPAIGN}'`)[0].n;

test('a closed survey shows a clear page, and one that closes while a response waits says what became of it', async () => {
  const { base, coordinatorToken, db } = await demoServer('web-survey-closed');
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${base}/s/${CLOSED_CODE}`);
  await page.waitForSelector('main h1');
  assert.equal(await page.textContent('main h1'), 'Enkäten är stängd');
  assert.match(await page.textContent('main'), /Trygghetsenkät 2023–2025 – Vindelns kommun 2022 tar inte emot fler svar/);
  assert.equal(await page.$$eval('main input', (els) => els.length), 0);
  await checkPage(page, 'web-survey-closed-390', artifactDir);

  // A response finished while the push cannot get through; then the survey closes.
  await page.route('**/api/v1/sync/push', (route) => route.abort('internetdisconnected'));
  await page.goto(`${base}/s/${CODE}`);
  await answerAndSend(page);
  await page.waitForFunction(() => /skickas av sig själva/.test(document.getElementById('response-status').textContent));
  const before = responsesOf(db);
  const closed = await request(base, 'POST', `/api/v1/campaigns/${CAMPAIGN}/close`, undefined, coordinatorToken);
  assert.equal(closed.status, 200, closed.text);
  await page.unroute('**/api/v1/sync/push');
  await page.click('#send-now');
  await page.waitForFunction(() => /stängdes innan svaren hann skickas/.test(document.getElementById('response-status').textContent));
  assert.match(await page.textContent('#outbox-status'), /Enkäten VINDELN-2025 stängdes innan ditt svar hann skickas/);
  assert.equal(responsesOf(db), before, 'nothing was stored');
  const [entry] = await stored(page, 'outbox');
  assert.equal(entry.state, 'closed');
  await checkPage(page, 'web-survey-closed-waiting-390', artifactDir);
  // The resident removes it.
  await page.click('#outbox-status button');
  await page.waitForFunction(() => document.getElementById('outbox-status').hidden);
  assert.deepEqual(await stored(page, 'outbox'), []);
  await page.waitForFunction(() => /togs bort från den här webbläsaren/.test(document.getElementById('response-status').textContent));
  // Reloaded, the survey itself now says it is closed.
  await page.reload();
  await page.waitForSelector('main h1');
  assert.equal(await page.textContent('main h1'), 'Enkäten är stängd');
  await context.close();
});

test('one tab edits a draft at a time; the second says so and may take it over', async () => {
  const { base } = await demoServer('web-survey-tabs');
  const { context, page: first } = await openPhone(base, { worker: true });
  await choose(first, 'q_trygg_dag', 3);
  await next(first);

  const second = await context.newPage();
  await second.goto(`${base}/s/${CODE}`);
  await second.waitForSelector('#take-over');
  assert.equal(await second.textContent('main h1'), 'Enkäten är öppen i en annan flik');
  assert.equal(await second.$$eval('main input', (els) => els.length), 0);
  await checkPage(second, 'web-survey-other-tab-390', artifactDir);

  await second.click('#take-over');
  await second.waitForSelector('#q-q_trygg_kvall-title');
  // The first tab stops editing: its controls are gone and it says where the survey went.
  await first.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Enkäten öppnades i en annan flik');
  assert.equal(await first.$$eval('main input', (els) => els.length), 0);
  // The second carries on with the same draft.
  await second.click('#back');
  await second.waitForSelector('#q-q_trygg_dag-title');
  assert.equal(await second.isChecked('#q-q_trygg_dag-o3'), true);
  await choose(second, 'q_trygg_dag', 0);
  assert.equal((await stored(second, 'drafts')).length, 1);
  for (let i = 0; i < 50 && (await stored(second, 'drafts'))[0].answers.q_trygg_dag !== 1; i += 1) await second.waitForTimeout(100);
  assert.equal((await stored(second, 'drafts'))[0].answers.q_trygg_dag, 1);
  // And the first may take it back.
  await first.click('#take-over');
  await first.waitForSelector('#q-q_trygg_dag-title, #q-q_trygg_kvall-title');
  await second.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Enkäten öppnades i en annan flik');
  await context.close();
});

test('an expired token is replaced by itself and the response is stored once', async () => {
  const { base, db } = await demoServer('web-survey-expired', ['--token-lifetime', '3s']);
  const { context, page } = await openPhone(base);
  const first = await waitForToken(page);
  // The page believes its token good for a century; the server knows it expired.
  await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('trygghetsdialog-survey');
    open.onsuccess = () => {
      const store = open.result.transaction('tokens', 'readwrite').objectStore('tokens');
      const get = store.get('VINDELN-2025');
      get.onsuccess = () => {
        store.put({ ...get.result, expires_at: '2125-01-01T00:00:00.000Z' }).onsuccess = resolve;
      };
    };
  }));
  await new Promise((r) => setTimeout(r, 3500));
  const expired = await request(base, 'GET', '/api/v1/sync/pull', undefined, first.token);
  assert.equal(expired.status, 401);
  assert.equal(expired.json().error.code, 'token_expired');

  const before = responsesOf(db);
  await answerAndSend(page);
  await page.waitForFunction(() => document.getElementById('response-status').textContent === 'Svaren har skickats.', null, { timeout: 20000 });
  assert.equal(responsesOf(db), before + 1);
  const [renewed] = await stored(page, 'tokens');
  assert.notEqual(renewed.token, first.token);
  await context.close();
});

test('a phone refused a token by the per-address limit still answers, and sends when it may', async () => {
  const { base, db } = await demoServer('web-survey-limit', ['--resident-enrolments-per-hour', '1']);
  // The first phone behind the address takes the hour's one token.
  const one = await openPhone(base);
  await waitForToken(one.page);
  // The second is refused (429) but the survey works; the response waits, said plainly.
  const two = await browser.newContext({ viewport: PHONE, serviceWorkers: 'block' });
  const page = await two.newPage();
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/devices/enrol') && r.status() === 429);
  await page.goto(`${base}/s/${CODE}`);
  await refused;
  const before = responsesOf(db);
  await answerAndSend(page);
  await page.waitForFunction(() => /skickas av sig själva/.test(document.getElementById('response-status').textContent));
  assert.match(await page.textContent('#outbox-status'), /Svar som väntar på att skickas: 1/);
  assert.equal(responsesOf(db), before);
  await checkPage(page, 'web-survey-limited-390', artifactDir);
  await one.context.close();
  await two.close();
});
