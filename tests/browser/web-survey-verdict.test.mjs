// One verdict from two places: every response in fixtures/web-survey-verdicts.json goes through
// the web survey's WebAssembly model (the page's own model.js over td-model.wasm, here in
// Node.js) and is pushed to a real td-sync-server with a resident token. Both must give the
// same result: stored, or the same rejection code, path and message, and for
// validation_failed the same issue codes at the same paths; and that result must be the one
// the fixture expects.
//
// Environment (tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR, TD_WEB_DIR (the build's dashboard, with wasm/).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { request, sourceDir, startDemoServer, stopAll, uuidv7 } from './harness.mjs';

const webDir = process.env.TD_WEB_DIR;
const CODE = 'VINDELN-2025';
const fixtures = JSON.parse(fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'web-survey-verdicts.json'), 'utf8'));

let tmp;
let server;
let base;
let model;
let campaign;
let token;

before(async () => {
  ({ tmp, server, base } = await startDemoServer({
    name: 'verdict', user: 'samordnare', password: 'Vindeln-verdikt-2025', responsesPerWave: 20,
    serverArgs: ['--resident-responses-per-token', '0'], dashboardDir: webDir,
  }));
  const survey = await request(base, 'GET', `/api/v1/web-surveys/${CODE}`);
  assert.equal(survey.status, 200, survey.text);
  ({ campaign } = survey.json());
  const { default: createTdModel } = await import(pathToFileURL(path.join(webDir, 'wasm', 'td-model.js')));
  const { wrapModel } = await import(pathToFileURL(path.join(sourceDir, 'dashboard', 'public', 's', 'model.js')));
  model = wrapModel(await createTdModel({ wasmBinary: fs.readFileSync(path.join(webDir, 'wasm', 'td-model.wasm')) }));
  const loaded = model.load(survey.json().survey, campaign);
  assert.deepEqual(loaded, { ok: true });
  const enrolled = await request(base, 'POST', '/api/v1/devices/enrol', { code: CODE });
  assert.equal(enrolled.status, 201, enrolled.text);
  token = enrolled.json().token;
});

after(async () => {
  await stopAll({ server, tmp });
});

function expand(value) {
  if (typeof value === 'string' && value.startsWith('$REPEAT:')) {
    const [, text, count] = value.split(':');
    return text.repeat(Number(count));
  }
  return value;
}

function responseOf(fixture) {
  const response = {
    id: uuidv7(),
    campaign_id: campaign.id,
    survey_id: campaign.survey_id,
    survey_version: campaign.survey_version,
    channel: 'web',
    submitted_at: new Date().toISOString(),
    locale: 'sv',
    answers: { ...fixtures.base_answers },
  };
  for (const [id, value] of Object.entries(fixture.answers ?? {})) {
    if (value === null) delete response.answers[id];
    else response.answers[id] = expand(value);
  }
  for (const [field, value] of Object.entries(fixture.set ?? {})) {
    if (value === null) delete response[field];
    else response[field] = value;
  }
  return response;
}

// "code at path: message; …" of a validation_failed message, as code@path (a message may hold
// "; " itself, so a part starts only where "code at path: " follows).
function issuesInMessage(message) {
  return message.split(/; (?=[a-z_]+ at \S+: )/).map((part) => {
    const m = /^(\w+) at (\S+): /.exec(part);
    assert.ok(m, `unexpected issue text: ${part}`);
    return `${m[1]}@${m[2]}`;
  });
}

test('the page and the server give every fixture the same verdict', async () => {
  assert.ok(fixtures.fixtures.length >= 30);
  const seen = { stored: 0, rejected: new Set() };
  for (const fixture of fixtures.fixtures) {
    const response = responseOf(fixture);
    const recordId = fixture.record_id === 'other' ? uuidv7(1) : response.id;
    const page = model.check(response, recordId);
    const pushed = await request(base, 'POST', '/api/v1/sync/push',
      { records: [{ kind: 'response', id: recordId, rev: 1, hlc: `${Date.now().toString(16).padStart(12, '0')}-00000000-web`, body: response }] },
      token);
    assert.equal(pushed.status, 200, `${fixture.name}: ${pushed.text}`);
    const result = pushed.json().results[0];
    const label = `${fixture.name}: page ${JSON.stringify(page)}, server ${JSON.stringify(result)}`;

    if (fixture.expect === 'stored') {
      assert.equal(result.status, 'stored', label);
      assert.deepEqual(page, { ok: true }, label);
      seen.stored += 1;
      continue;
    }
    assert.equal(result.status, 'rejected', label);
    assert.equal(page.ok, false, label);
    // The same rejection, word for word.
    assert.deepEqual(page.error, { code: result.reason.code, path: result.reason.path ?? '', message: result.reason.message }, label);
    // The one the fixture expects.
    const { expect } = fixture;
    assert.equal(result.reason.code, expect.code, label);
    assert.equal(result.reason.path ?? '', expect.path, label);
    if (expect.detail) assert.ok(result.reason.message.startsWith(`${expect.detail}: `), label);
    if (expect.code === 'validation_failed') {
      const pageIssues = page.issues.map((i) => `${i.code}@${i.path}`);
      assert.deepEqual(pageIssues, expect.issues, label);
      assert.deepEqual(issuesInMessage(result.reason.message), expect.issues, label);
    } else {
      assert.deepEqual(page.issues ?? [], [], label);
    }
    seen.rejected.add(expect.code);
  }
  assert.ok(seen.stored >= 3);
  assert.deepEqual([...seen.rejected].sort(),
    ['campaign_not_allowed', 'id_mismatch', 'invalid_body', 'survey_mismatch', 'validation_failed']);
});

test('the model shows and hides questions by the survey\'s conditions and names the answers to drop', () => {
  const visible = (answers) => model.visible(answers);
  const none = visible({});
  assert.ok(!none.visible.includes('q_avstar_hur'));
  assert.ok(!none.visible.includes('q_otrygga_platser'));
  assert.deepEqual(none.hidden_answers, []);
  const yes = visible({ q_avstar_kvall: true, q_otrygga_platser_finns: true });
  assert.ok(yes.visible.includes('q_avstar_hur'));
  assert.ok(yes.visible.includes('q_otrygga_platser'));
  // Changing the earlier answer hides the later question; its answer is to be removed.
  const changed = visible({ q_avstar_kvall: false, q_avstar_hur: ['telefon'] });
  assert.ok(!changed.visible.includes('q_avstar_hur'));
  assert.deepEqual(changed.hidden_answers, ['q_avstar_hur']);
  // Visible questions keep the survey's order.
  assert.equal(yes.visible[0], 'q_trygg_dag');
  assert.ok(yes.visible.indexOf('q_avstar_kvall') < yes.visible.indexOf('q_avstar_hur'));
});
