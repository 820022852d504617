// The survey editor in a real browser against the real server: a coordinator makes version 2
// of the published demo survey, edits fields of every kind (texts, scale points and their
// negative definition, "vet ej", choices and their flags, focus area, required, number and
// text bounds, times of day and reasons of a place question, a new question with an entered
// id and a show-if rule, order), sees the validator's issues at their fields and in the summary,
// fixes them, previews the survey as residents see it (show-if live, both languages), publishes
// after a confirmation (the version is then read only), and creates a campaign from it. The
// copied questions keep their ids and types; the audit log has the edits. A blank survey is made
// at phone size. axe-core checks every state at 1366×900 and 390×844. (XLSForm in the page:
// surveys-xlsform.test.mjs.)
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots and exported files are kept there).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactDir, axeViolations, launchBrowser, newAxePage, openDashboardView, request, serverBin, startDemoServer, stopAll,
} from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-enkater-2026';
const ADMIN_PASSWORD = 'Vindeln-revision-2026';
const SURVEY = 'trygghetsenkat_vindeln';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let tmp;
let db;
let server;
let base;
let browser;
let token;

const api = (method, route, body) => request(base, method, route, body, token);
const f = (p) => `#f-${p.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;

before(async () => {
  ({ tmp, db, server, base, coordinatorToken: token } = await startDemoServer({
    name: 'surveys', user: USER, password: PASSWORD, responsesPerWave: 5,
  }));
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

const openView = (page) => openDashboardView(page, base, USER, PASSWORD, 'surveys', 'surveys-view');

async function status(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('status').textContent), pattern.source);
}

// Opens the card of the question at `qp` (its <details>) if it is closed.
async function openQuestion(page, qp) {
  const card = page.locator(f(qp));
  if (!(await card.evaluate((d) => d.open))) await card.locator('summary').click();
}

async function noHorizontalScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide`);
}

test('a new version: edit every kind of field, issues at their fields, preview, publish, a campaign from it', async () => {
  const page = await newAxePage(browser, DESKTOP);
  await openView(page);
  assert.deepEqual(await axeViolations(page), []);
  const v1 = (await api('GET', `/api/v1/surveys/${SURVEY}`)).json().survey;

  await page.click(`tr[data-survey="${SURVEY}"] button.new-version`);
  await status(page, /Version 2 av .* är skapad som utkast/);
  const draft = (await api('GET', `/api/v1/surveys/${SURVEY}`)).json();
  assert.equal(draft.status, 'draft');
  assert.equal(draft.survey.version, 2);
  assert.deepEqual({ ...draft.survey, version: 1 }, v1, 'the new version starts as a copy');

  // Copied ids and types are fixed; the survey's id too.
  await openQuestion(page, 'sections[0].questions[0]');
  assert.equal(await page.locator(f('sections[0].questions[0].id')).getAttribute('readonly'), '');
  assert.equal(await page.locator(f('sections[0].questions[0].type')).count(), 0, 'no type choice for a copied question');
  assert.equal(await page.locator(f('id')).getAttribute('readonly'), '');

  // Texts, scale points, their negative definition and "vet ej" (q_trygg_dag).
  await page.fill(f('title.sv'), 'Trygghetsenkät 2026–2028 – Vindelns kommun');
  await page.fill(f('title.en'), 'Safety survey 2026–2028 – Vindeln municipality');
  await page.fill(f('sections[0].questions[0].text.en'), 'How safe do you feel outdoors alone in your area during the day?');
  await page.fill(f('sections[0].questions[0].points[3].label.sv'), 'Mycket otrygg (alls inte trygg)');
  await page.check(f('sections[0].questions[0].negative[1]'));
  await page.uncheck(f('sections[0].questions[0].dont_know'));
  await page.selectOption(f('sections[0].questions[0].focus_area'), 'unsafe_places');
  // Choices of a single question: a new one, a negative one, a no-opinion one (q_trygghet_forandring).
  await openQuestion(page, 'sections[0].questions[2]');
  await page.click('#f-sections-0-questions-2-add-choices');
  await page.fill(f('sections[0].questions[2].choices[4].id'), 'vill_inte_svara');
  await page.fill(f('sections[0].questions[2].choices[4].label.sv'), 'Vill inte svara');
  await page.fill(f('sections[0].questions[2].choices[4].label.en'), 'Prefer not to say');
  await page.check(f('sections[0].questions[2].choices[4].non_substantive'));
  await page.check(f('sections[0].questions[2].choices[2].negative'));
  // A number's bounds (q_kvallar_ute), a yes/no's negative answer (q_avstar_kvall), a multi's
  // most choices and exclusive choice (q_avstar_hur).
  await openQuestion(page, 'sections[0].questions[3]');
  await page.fill(f('sections[0].questions[3].max'), '-1'); // below min: the server refuses it
  await page.check(f('sections[0].questions[3].required'));
  await openQuestion(page, 'sections[0].questions[4]');
  await page.selectOption(f('sections[0].questions[4].negative'), 'false');
  await openQuestion(page, 'sections[0].questions[5]');
  await page.fill(f('sections[0].questions[5].max_choices'), '3');
  await page.check(f('sections[0].questions[5].choices[4].exclusive'));
  // A place question's times of day and reasons (q_otrygga_platser, section "platser").
  await openQuestion(page, 'sections[4].questions[1]');
  await page.uncheck(f('sections[4].questions[1].times_of_day.morning'));
  await page.click('#f-sections-4-questions-1-add-reasons');
  const reasons = v1.sections[4].questions[1].reasons.length;
  await page.fill(f(`sections[4].questions[1].reasons[${reasons}].id`), 'nedskrapning');
  await page.fill(f(`sections[4].questions[1].reasons[${reasons}].label.sv`), 'Nedskräpning');
  await page.fill(f(`sections[4].questions[1].reasons[${reasons}].label.en`), 'Litter');
  // A free text's length (q_tryggare, section "viktigast").
  await openQuestion(page, 'sections[6].questions[1]');
  await page.fill(f('sections[6].questions[1].max_length'), '500');

  // A new question: its id is checked for format and uniqueness, then it is moved up once.
  await page.selectOption('#f-sections-0-new-type', 'yes_no');
  await page.fill('#f-sections-0-new-id', 'Q ny');
  await page.click('#f-sections-0-new-add');
  await page.waitForFunction(() => /små bokstäver/.test(document.getElementById('f-sections-0-new-error').textContent));
  await page.fill('#f-sections-0-new-id', 'q_trygg_dag');
  await page.click('#f-sections-0-new-add');
  await page.waitForFunction(() => /finns redan/.test(document.getElementById('f-sections-0-new-error').textContent));
  await page.fill('#f-sections-0-new-id', 'q_kvall_undviker_plats');
  await page.click('#f-sections-0-new-add');
  const nq = 'sections[0].questions[6]';
  await page.waitForSelector(f(`${nq}.text.sv`));
  assert.equal(await page.locator(f(`${nq}.id`)).getAttribute('readonly'), null, 'a new question\'s id stays editable');
  await page.fill(f(`${nq}.text.sv`), 'Undviker du någon särskild plats på kvällen?');
  // The English text is left empty: the page reports it before sending.
  await page.fill(f(`${nq}.show_if`), '${q_trygg_kvall} = 3 or ${q_trygg_kvall} = 4');
  await page.locator(f(`${nq}.show_if`)).press('Tab');
  assert.equal(await page.locator(`${f(`${nq}.show_if`)}-reading`).textContent(),
    'Visas när «Hur trygg känner du dig om du går ut ensam i området där du…» = Ganska otrygg eller Mycket otrygg');
  // An expression the show-if rule cannot say is refused at its field and blocks saving.
  await page.fill(f('sections[0].questions[5].show_if'), '${q_avstar_kvall} = maybe');
  await page.locator(f('sections[0].questions[5].show_if')).press('Tab');
  assert.match(await page.locator(`${f('sections[0].questions[5].show_if')}-parse`).textContent(), /kan inte läsas vid 'maybe'/);
  await page.fill(f('sections[0].questions[5].show_if'), "${q_avstar_kvall} = 'yes'");
  await page.locator(f('sections[0].questions[5].show_if')).press('Tab');
  assert.equal(await page.locator(`${f('sections[0].questions[5].show_if')}-parse`).isHidden(), true);
  await page.click('#f-sections-0-questions-6-up');
  const moved = 'sections[0].questions[5]';
  assert.equal(await page.locator(f(`${moved}.id`)).inputValue(), 'q_kvall_undviker_plats');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-sections-0-questions-5-up', 'the focus follows the moved question');

  // Removing a copied question asks first and says what it costs (cancelled here); an empty
  // section goes at once.
  assert.match(await page.locator('#editor-state').textContent(), /osparade ändringar/);
  await page.click('#f-sections-0-questions-4-remove');
  await page.waitForSelector('#remove-question-dialog[open]');
  assert.match(await page.locator('#remove-question-dialog').textContent(), /trend slutar/);
  await page.click('#remove-question-dialog-cancel');
  assert.equal(await page.locator(f('sections[0].questions[4].id')).inputValue(), 'q_avstar_kvall');
  const sectionCount = v1.sections.length;
  await page.click('#add-section');
  await page.waitForSelector(f(`sections[${sectionCount}].title.sv`));
  await page.click(`#f-sections-${sectionCount}-remove`);
  assert.equal(await page.locator(f(`sections[${sectionCount}]`)).count(), 0);

  // Saving: the empty English text is shown at its field and in the summary.
  await page.click('button.save-survey');
  await status(page, /inte sparat: 1 fel/);
  const localError = await page.locator(`${f(`${moved}.text.en`)}-error`).textContent();
  assert.match(localError, /Texten saknas/);
  assert.equal(await page.locator(f(`${moved}.text.en`)).getAttribute('aria-invalid'), 'true');
  await page.fill(f(`${moved}.text.en`), 'Do you avoid any particular place in the evening?');
  // Now the server's validator: max below min, at its field, linked from the summary.
  // The status line still says "1 fel" from the first save: wait for this save's answer.
  const answered = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/surveys/'));
  await page.click('button.save-survey');
  assert.equal((await answered).status(), 422);
  const summary = page.locator('#survey-issues');
  await page.waitForFunction(() => /q_kvallar_ute/.test(document.getElementById('survey-issues')?.textContent || ''));
  await status(page, /inte sparat: 1 fel/);
  assert.match(await summary.textContent(), /Fråga q_kvallar_ute – Högst: Högst måste vara större än minst/);
  assert.match(await page.locator(`${f('sections[0].questions[3].max')}-error`).textContent(), /Högst måste vara större än minst/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(artifactDir, 'surveys-issues-1366.png'), fullPage: false });
  await summary.locator('a').first().click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-sections-0-questions-3-max', 'the summary link focuses the field');
  await page.fill(f('sections[0].questions[3].max'), '14');
  await page.click('button.save-survey');
  await status(page, /är sparat/);
  assert.equal(await page.locator('#survey-issues').count(), 0);

  const saved = (await api('GET', `/api/v1/surveys/${SURVEY}`)).json().survey;
  const q = (id) => saved.sections.flatMap((s) => s.questions).find((x) => x.id === id);
  assert.equal(saved.title.sv, 'Trygghetsenkät 2026–2028 – Vindelns kommun');
  assert.deepEqual(q('q_trygg_dag').negative, [2, 3, 4]);
  assert.equal(q('q_trygg_dag').dont_know, false);
  assert.equal(q('q_trygg_dag').focus_area, 'unsafe_places');
  assert.equal(q('q_trygg_dag').points[3].label.sv, 'Mycket otrygg (alls inte trygg)');
  assert.equal(q('q_trygg_dag').text.en, 'How safe do you feel outdoors alone in your area during the day?');
  assert.deepEqual(q('q_trygghet_forandring').choices.map((c) => c.id), ['tryggare', 'oforandrat', 'otryggare', 'vet_inte', 'vill_inte_svara']);
  assert.deepEqual(q('q_trygghet_forandring').non_substantive, ['vet_inte', 'vill_inte_svara']);
  assert.deepEqual(q('q_trygghet_forandring').negative, ['otryggare']);
  assert.deepEqual([q('q_kvallar_ute').min, q('q_kvallar_ute').max, q('q_kvallar_ute').required], [0, 14, true]);
  assert.equal(q('q_avstar_kvall').negative, false);
  assert.equal(q('q_avstar_hur').max_choices, 3);
  assert.deepEqual(q('q_avstar_hur').exclusive, ['undviker_platser', 'inget_sarskilt']);
  assert.deepEqual(q('q_otrygga_platser').times_of_day, v1.sections[4].questions[1].times_of_day.filter((x) => x !== 'morning'));
  assert.deepEqual(q('q_otrygga_platser').reasons.at(-1), { id: 'nedskrapning', label: { sv: 'Nedskräpning', en: 'Litter' } });
  assert.equal(q('q_tryggare').max_length, 500);
  assert.deepEqual(q('q_kvall_undviker_plats'), {
    id: 'q_kvall_undviker_plats', type: 'yes_no', focus_area: 'general', required: false,
    text: { sv: 'Undviker du någon särskild plats på kvällen?', en: 'Do you avoid any particular place in the evening?' },
    show_if: { question: 'q_trygg_kvall', in: [3, 4] },
  });
  assert.deepEqual(saved.sections[0].questions.map((x) => x.id),
    [...v1.sections[0].questions.slice(0, 5).map((x) => x.id), 'q_kvall_undviker_plats', 'q_avstar_hur']);

  // The preview: as residents see it, the show-if rule live, in Swedish and in English.
  const [preview] = await Promise.all([page.waitForEvent('popup'), page.click('button.preview-survey')]);
  await preview.waitForSelector('body[data-ready="true"]');
  assert.equal(await preview.locator('h1').textContent(), 'Trygghetsenkät 2026–2028 – Vindelns kommun');
  const newBox = preview.locator('[data-question="q_kvall_undviker_plats"]');
  assert.equal(await newBox.isHidden(), true, 'hidden until q_trygg_kvall is answered 3 or 4');
  await preview.locator('#q-q_trygg_kvall label.option').nth(2).click();
  await newBox.waitFor({ state: 'visible' });
  await preview.locator('#q-q_trygg_kvall label.option').nth(0).click();
  await newBox.waitFor({ state: 'hidden' });
  assert.deepEqual(await axeViolations(preview), []);
  await preview.evaluate(() => window.scrollTo(0, 0));
  await preview.screenshot({ path: path.join(artifactDir, 'surveys-preview-1366.png') });
  await preview.click('#language');
  await preview.waitForFunction(() => document.querySelector('h1').textContent === 'Safety survey 2026–2028 – Vindeln municipality');
  assert.match(await preview.locator('#q-q_trygg_dag').textContent(), /How safe do you feel outdoors alone/);
  await preview.close();

  // Publishing: cancelled first, then confirmed; the version is then read only.
  await page.click('button.publish-survey');
  await page.waitForSelector('#publish-dialog[open]');
  assert.deepEqual(await axeViolations(page), []);
  await page.click('#publish-dialog-cancel');
  assert.deepEqual((await api('GET', `/api/v1/surveys/${SURVEY}`)).json().published_versions, [1]);
  await page.click('button.publish-survey');
  await page.click('#publish-dialog-confirm');
  await status(page, /Version 2 av .* är publicerad/);
  const published = (await api('GET', `/api/v1/surveys/${SURVEY}`)).json();
  assert.equal(published.status, 'published');
  assert.deepEqual(published.published_versions, [1, 2]);
  assert.equal(await page.locator('button.save-survey').count(), 0, 'no saving a published version');
  assert.equal(await page.locator(f('title.sv')).getAttribute('readonly'), '');
  assert.match(await page.locator('#editor-state').textContent(), /publicerad och kan inte ändras/);
  // The copied questions kept their ids and types.
  const typesOf = (s) => new Map(s.sections.flatMap((x) => x.questions).map((x) => [x.id, x.type]));
  const before = typesOf(v1);
  const now = typesOf(published.survey);
  for (const [id, type] of before) assert.equal(now.get(id), type, `question ${id} kept its id and type`);
  assert.equal(now.size, before.size + 1);
  const put = await api('PUT', `/api/v1/surveys/${SURVEY}`, published.survey);
  assert.equal(put.status, 409, 'the server refuses a change to the published version');

  // The edits are in the audit log, read through its API by an administrator.
  execFileSync(serverBin, ['--db', db, 'admin', 'create-admin', 'revisor'], {
    env: { ...process.env, TD_ADMIN_PASSWORD: ADMIN_PASSWORD },
  });
  const admin = (await request(base, 'POST', '/api/v1/auth/login', { username: 'revisor', password: ADMIN_PASSWORD })).json().token;
  const audit = (await request(base, 'GET', '/api/v1/audit?action=survey.', undefined, admin)).json().entries;
  const actions = audit.filter((e) => e.target === SURVEY).map((e) => e.action).reverse();
  assert.deepEqual(actions, ['survey.update', 'survey.update', 'survey.publish'], 'the copy, the one accepted save, the publishing');
  assert.ok(audit.every((e) => e.actor.name === USER && e.actor.role === 'coordinator'), JSON.stringify(audit[0]));

  // A campaign from the new version.
  await page.click('a[href="#campaigns"]');
  await page.waitForSelector('#campaigns-view[data-loaded="true"]');
  await page.fill('#campaign-form input[name=name_sv]', 'Trygghetsenkät 2026');
  await page.selectOption('#campaign-form select[name=survey]', `${SURVEY}@2`);
  await page.fill('#campaign-form input[name=period_start]', '2026-11-01');
  await page.fill('#campaign-form input[name=period_end]', '2027-01-31');
  await page.fill('#campaign-form input[name=public_code]', 'VINDELN-V2');
  await page.click('#campaign-form button[type=submit]');
  await status(page, /är skapad och öppen/);
  const campaign = (await api('GET', '/api/v1/campaigns')).json().campaigns.find((c) => c.public_code === 'VINDELN-V2');
  assert.equal(campaign.survey_version, 2);
  const web = (await request(base, 'GET', '/api/v1/web-surveys/VINDELN-V2')).json();
  assert.ok(web.survey.sections[0].questions.some((x) => x.id === 'q_kvall_undviker_plats'), 'residents get version 2');
  await page.context().close();
});

test('the view at phone size, in English, fits 390 px and passes axe', async () => {
  const page = await newAxePage(browser, PHONE);
  await openView(page);
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#surveys-view h2')?.textContent === 'Surveys and versions');
  assert.deepEqual(await axeViolations(page), []);
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(artifactDir, 'surveys-list-390.png'), fullPage: true });
  await page.click('tr[data-survey="medborgardialog"] button.view-survey');
  await page.waitForSelector('#survey-editor');
  await page.click('button.open-all');
  assert.deepEqual([...new Set(await page.$$eval('#survey-editor details', (ds) => ds.map((d) => d.open)))], [true]);
  assert.match(await page.locator('#editor-state').textContent(), /is published and cannot change/);
  assert.deepEqual(await axeViolations(page), []);
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(artifactDir, 'surveys-editor-390.png'), fullPage: true });
  const [preview] = await Promise.all([page.waitForEvent('popup'), page.click('button.preview-survey')]);
  await preview.waitForSelector('body[data-ready="true"]');
  assert.equal(await preview.locator('h1').textContent(), 'Citizen dialogue – tell us about safety', 'the preview opens in the page\'s language');
  assert.deepEqual(await axeViolations(preview), []);
  await noHorizontalScroll(preview);
  await preview.screenshot({ path: path.join(artifactDir, 'surveys-preview-390.png') });
  await preview.close();

  // A new blank survey, made at phone size in English: its id is entered, its one question added.
  await page.click('button.close-editor');
  await page.click('button.new-survey');
  await page.fill(f('id'), 'medborgardialog');
  await page.fill(f('title.sv'), 'Kvällsenkät');
  await page.fill(f('title.en'), 'Evening survey');
  await page.fill(f('sections[0].id'), 'kvall');
  await page.fill(f('sections[0].title.sv'), 'Kvällen');
  await page.fill(f('sections[0].title.en'), 'The evening');
  await page.click('button.save-survey');
  await status(page, /not been saved/);
  assert.match(await page.locator('#survey-issues').textContent(), /The section has no questions/);
  await page.selectOption('#f-sections-0-new-type', 'single');
  await page.fill('#f-sections-0-new-id', 'q_kvall_forslag');
  await page.click('#f-sections-0-new-add');
  await page.fill(f('sections[0].questions[0].text.sv'), 'Vad skulle göra kvällen tryggare?');
  await page.fill(f('sections[0].questions[0].text.en'), 'What would make the evening safer?');
  // A new question's type can still change; its texts stay.
  await page.selectOption(f('sections[0].questions[0].type'), 'text');
  assert.equal(await page.locator(f('sections[0].questions[0].text.en')).inputValue(), 'What would make the evening safer?');
  await page.fill(f('sections[0].questions[0].max_length'), '300');
  // An id another survey has is refused by the server, at the id field.
  await page.click('button.save-survey');
  await status(page, /not been saved/);
  assert.match(await page.locator(`${f('id')}-error`).textContent(), /A survey with that id already exists/);
  await page.fill(f('id'), 'kvallsenkat');
  assert.deepEqual(await axeViolations(page), []);
  await noHorizontalScroll(page);
  await page.click('button.save-survey');
  await status(page, /has been saved/);
  const created = (await api('GET', '/api/v1/surveys/kvallsenkat')).json();
  assert.equal(created.status, 'draft');
  assert.deepEqual(created.survey, {
    id: 'kvallsenkat', version: 1, kind: 'survey', title: { sv: 'Kvällsenkät', en: 'Evening survey' },
    sections: [{ id: 'kvall', title: { sv: 'Kvällen', en: 'The evening' }, questions: [{
      id: 'q_kvall_forslag', type: 'text', focus_area: 'general', required: false, max_length: 300,
      text: { sv: 'Vad skulle göra kvällen tryggare?', en: 'What would make the evening safer?' },
    }] }],
  });
  await page.context().close();
});
