// XLSForm in and out (dashboard/public/xlsform.js, show-if.js) in node with exceljs, through
// real .xlsx bytes: the demo surveys written and read back equal themselves; a form written
// here the way KoboToolbox lays one out reads as the survey it means (every mapping: groups,
// select_one as single, scale and yes/no, select_multiple, integer, decimal, text, geopoint,
// the intro note, labels and hints in both languages, relevant, our td_ columns, settings);
// every kind of error is reported with its sheet and row, all of them, and nothing is read.
//
// Environment: TD_SOURCE_DIR (the checkout; exceljs from its dashboard/node_modules).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';

const sourceDir = process.env.TD_SOURCE_DIR;
if (!sourceDir) throw new Error('TD_SOURCE_DIR must be set');
const require = createRequire(path.join(sourceDir, 'dashboard', 'package.json'));
const ExcelJS = require('exceljs');
const publicDir = path.join(sourceDir, 'dashboard', 'public');
const { surveyToWorkbook, workbookToSurvey } = await import(path.join(publicDir, 'xlsform.js'));
const { formatRelevant, parseRelevant } = await import(path.join(publicDir, 'show-if.js'));

// Through the bytes of a real .xlsx file.
async function throughFile(workbook) {
  const buffer = await workbook.xlsx.writeBuffer();
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(buffer);
  return read;
}

// The survey as the server encodes it: the fields with defaults written out.
function canonical(survey) {
  const out = structuredClone(survey);
  for (const q of out.sections.flatMap((s) => s.questions)) {
    q.required ??= false;
    q.focus_area ??= 'general';
    if (q.type === 'scale') q.dont_know ??= false;
    if (q.type === 'number') q.integer ??= false;
  }
  return out;
}

for (const name of ['trygghetsenkat_vindeln', 'medborgardialog']) {
  test(`the demo survey ${name} written and read back is the same survey`, async () => {
    const survey = canonical(JSON.parse(fs.readFileSync(path.join(sourceDir, 'shared', 'content', `${name}.json`), 'utf8')));
    const result = workbookToSurvey(await throughFile(surveyToWorkbook(survey, ExcelJS)));
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.deepEqual(result.survey, survey);
  });
}

// A workbook from plain arrays: { sheet: [header, ...rows] }.
function workbookOf(sheets) {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return workbook;
}

const SURVEY_HEADER = ['type', 'name', 'label::Svenska (sv)', 'label::English (en)', 'hint::Svenska (sv)', 'hint::English (en)',
  'required', 'relevant', 'constraint', 'td_type', 'td_focus_area', 'td_negative', 'td_dont_know', 'td_non_substantive',
  'td_exclusive', 'td_max_choices', 'td_background', 'td_max_places', 'td_times_of_day', 'td_reasons', '$kuid'];
const CHOICE_HEADER = ['list_name', 'name', 'label::Svenska (sv)', 'label::English (en)'];
const SETTINGS_HEADER = ['form_id', 'version', 'form_title', 'td_form_title::English (en)', 'td_kind', 'default_language'];

// One survey-sheet row from named cells.
function row(cells) {
  return SURVEY_HEADER.map((h) => cells[h] ?? null);
}

// A form written the way KoboToolbox lays one out, with every mapping once.
function authoredSheets() {
  return {
    survey: [
      SURVEY_HEADER,
      row({ type: 'note', name: 'valkommen', 'label::Svenska (sv)': 'Välkommen!', 'label::English (en)': 'Welcome!' }),
      row({ type: 'begin_group', name: 'trygghet', 'label::Svenska (sv)': 'Trygghet', 'label::English (en)': 'Safety' }),
      row({ type: 'select_one trygg', name: 'q_dag', 'label::Svenska (sv)': 'Trygg på dagen?', 'label::English (en)': 'Safe by day?',
        required: 'true()', td_type: 'scale', td_negative: '3 4', td_dont_know: 'yes', $kuid: 'abc123' }),
      row({ type: 'select_one trygg', name: 'q_kvall', 'label::Svenska (sv)': 'Trygg på kvällen?', 'label::English (en)': 'Safe at night?',
        td_type: 'scale', td_negative: '4', td_focus_area: 'unsafe_places' }),
      row({ type: 'select_one td_yes_no', name: 'q_utsatt', 'label::Svenska (sv)': 'Utsatt?', 'label::English (en)': 'Victim?',
        td_type: 'yes_no', td_negative: 'yes', relevant: '${q_kvall} = 3 or ${q_kvall} = 4' }),
      row({ type: 'select_multiple problem', name: 'q_problem', 'label::Svenska (sv)': 'Problem?', 'label::English (en)': 'Problems?',
        'hint::Svenska (sv)': 'Välj alla som stämmer.', 'hint::English (en)': 'Choose all that apply.', td_focus_area: 'drugs',
        td_exclusive: 'inga', td_max_choices: '2', relevant: "${q_utsatt} = 'yes'" }),
      row({ type: 'select_one forandring', name: 'q_forandring', 'label::Svenska (sv)': 'Förändring?', 'label::English (en)': 'Change?',
        td_negative: 'samre', td_non_substantive: 'vet_inte', relevant: "selected(${q_problem}, 'narkotika') and not(${q_dag} = 1)" }),
      row({ type: 'end_group' }),
      row({ type: 'begin group', name: 'ovrigt', 'label::Svenska (sv)': 'Övrigt', 'label::English (en)': 'Other' }),
      row({ type: 'integer', name: 'q_kvallar', 'label::Svenska (sv)': 'Kvällar ute?', 'label::English (en)': 'Evenings out?',
        constraint: '. >= 0 and . <= 7', relevant: "${q_forandring} != ''" }),
      row({ type: 'decimal', name: 'q_km', 'label::Svenska (sv)': 'Avstånd?', 'label::English (en)': 'Distance?',
        constraint: '. >= 0.5 and . <= 100', relevant: "(${q_dag} = 1) or (${q_dag} = 2)" }),
      row({ type: 'text', name: 'q_forslag', 'label::Svenska (sv)': 'Förslag?', 'label::English (en)': 'Ideas?',
        relevant: "${q_forandring} != 'samre' or ${q_kvallar} = ''" }),
      row({ type: 'text', name: 'q_kort', 'label::Svenska (sv)': 'Kort?', 'label::English (en)': 'Short?', constraint: 'string-length(.) <= 200' }),
      row({ type: 'geopoint', name: 'q_plats', 'label::Svenska (sv)': 'Var?', 'label::English (en)': 'Where?',
        td_max_places: '3', td_times_of_day: 'evening night', td_reasons: 'skal', td_focus_area: 'unsafe_places' }),
      row({ type: 'geopoint', name: 'q_plats2', 'label::Svenska (sv)': 'Var mer?', 'label::English (en)': 'Where else?' }),
      row({ type: 'select_one orter', name: 'q_ort', 'label::Svenska (sv)': 'Ort?', 'label::English (en)': 'Locality?', td_background: 'locality' }),
      row({ type: 'end group' }),
    ],
    choices: [
      CHOICE_HEADER,
      ['trygg', 1, 'Mycket trygg', 'Very safe'], ['trygg', 2, 'Ganska trygg', 'Fairly safe'],
      ['trygg', 3, 'Ganska otrygg', 'Fairly unsafe'], ['trygg', 4, 'Mycket otrygg', 'Very unsafe'],
      ['td_yes_no', 'yes', 'Ja', 'Yes'], ['td_yes_no', 'no', 'Nej', 'No'],
      ['problem', 'narkotika', 'Narkotika', 'Drugs'], ['problem', 'klotter', 'Klotter', 'Graffiti'], ['problem', 'inga', 'Inga', 'None'],
      ['forandring', 'battre', 'Bättre', 'Better'], ['forandring', 'samre', 'Sämre', 'Worse'], ['forandring', 'vet_inte', 'Vet inte', "Don't know"],
      ['skal', 'morker', 'Mörker', 'Darkness'], ['skal', 'ode', 'Öde', 'Deserted'],
      ['orter', 'vindeln', 'Vindeln', 'Vindeln'], ['orter', 'annan', 'Annan ort', 'Elsewhere'],
    ],
    settings: [SETTINGS_HEADER, ['test_enkat', 3, 'Testenkät', 'Test survey', 'dialogue', 'Svenska (sv)']],
  };
}

const text = (sv, en) => ({ sv, en });
const scalePoints = [text('Mycket trygg', 'Very safe'), text('Ganska trygg', 'Fairly safe'), text('Ganska otrygg', 'Fairly unsafe'), text('Mycket otrygg', 'Very unsafe')]
  .map((label, i) => ({ value: i + 1, label }));

const EXPECTED = {
  id: 'test_enkat', version: 3, kind: 'dialogue', title: text('Testenkät', 'Test survey'), intro: text('Välkommen!', 'Welcome!'),
  sections: [
    {
      id: 'trygghet', title: text('Trygghet', 'Safety'), questions: [
        { id: 'q_dag', type: 'scale', text: text('Trygg på dagen?', 'Safe by day?'), focus_area: 'general', required: true,
          points: scalePoints, dont_know: true, negative: [3, 4] },
        { id: 'q_kvall', type: 'scale', text: text('Trygg på kvällen?', 'Safe at night?'), focus_area: 'unsafe_places', required: false,
          points: scalePoints, dont_know: false, negative: [4] },
        { id: 'q_utsatt', type: 'yes_no', text: text('Utsatt?', 'Victim?'), focus_area: 'general', required: false, negative: true,
          show_if: { question: 'q_kvall', in: [3, 4] } },
        { id: 'q_problem', type: 'multi', text: text('Problem?', 'Problems?'), help: text('Välj alla som stämmer.', 'Choose all that apply.'),
          focus_area: 'drugs', required: false, show_if: { question: 'q_utsatt', equals: true },
          choices: [{ id: 'narkotika', label: text('Narkotika', 'Drugs') }, { id: 'klotter', label: text('Klotter', 'Graffiti') }, { id: 'inga', label: text('Inga', 'None') }],
          max_choices: 2, exclusive: ['inga'] },
        { id: 'q_forandring', type: 'single', text: text('Förändring?', 'Change?'), focus_area: 'general', required: false,
          show_if: { all: [{ question: 'q_problem', includes: 'narkotika' }, { not: { question: 'q_dag', equals: 1 } }] },
          choices: [{ id: 'battre', label: text('Bättre', 'Better') }, { id: 'samre', label: text('Sämre', 'Worse') }, { id: 'vet_inte', label: text('Vet inte', "Don't know") }],
          negative: ['samre'], non_substantive: ['vet_inte'] },
      ],
    },
    {
      id: 'ovrigt', title: text('Övrigt', 'Other'), questions: [
        { id: 'q_kvallar', type: 'number', text: text('Kvällar ute?', 'Evenings out?'), focus_area: 'general', required: false,
          show_if: { question: 'q_forandring', answered: true }, min: 0, max: 7, integer: true },
        { id: 'q_km', type: 'number', text: text('Avstånd?', 'Distance?'), focus_area: 'general', required: false,
          show_if: { any: [{ question: 'q_dag', equals: 1 }, { question: 'q_dag', equals: 2 }] }, min: 0.5, max: 100, integer: false },
        { id: 'q_forslag', type: 'text', text: text('Förslag?', 'Ideas?'), focus_area: 'general', required: false,
          show_if: { any: [{ not: { question: 'q_forandring', equals: 'samre' } }, { question: 'q_kvallar', answered: false }] }, max_length: 4000 },
        { id: 'q_kort', type: 'text', text: text('Kort?', 'Short?'), focus_area: 'general', required: false, max_length: 200 },
        { id: 'q_plats', type: 'place', text: text('Var?', 'Where?'), focus_area: 'unsafe_places', required: false, max_places: 3,
          times_of_day: ['evening', 'night'], reasons: [{ id: 'morker', label: text('Mörker', 'Darkness') }, { id: 'ode', label: text('Öde', 'Deserted') }] },
        { id: 'q_plats2', type: 'place', text: text('Var mer?', 'Where else?'), focus_area: 'general', required: false, max_places: 1,
          times_of_day: ['morning', 'day', 'evening', 'night'], reasons: [] },
        { id: 'q_ort', type: 'single', text: text('Ort?', 'Locality?'), focus_area: 'general', required: false, background: 'locality',
          choices: [{ id: 'vindeln', label: text('Vindeln', 'Vindeln') }, { id: 'annan', label: text('Annan ort', 'Elsewhere') }] },
      ],
    },
  ],
};

test('a form laid out as KoboToolbox writes one reads as the survey it means, and goes out and back unchanged', async () => {
  const result = workbookToSurvey(await throughFile(workbookOf(authoredSheets())));
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  assert.deepEqual(result.survey, EXPECTED);
  assert.deepEqual(result.rows.get('sections[1].questions[2]'), { sheet: 'survey', row: 13 });
  const again = workbookToSurvey(await throughFile(surveyToWorkbook(result.survey, ExcelJS)));
  assert.deepEqual(again.survey, EXPECTED);
});

test('the written workbook has the documented sheets and columns', async () => {
  const workbook = await throughFile(surveyToWorkbook(EXPECTED, ExcelJS));
  const header = (name) => workbook.getWorksheet(name).getRow(1).values.slice(1);
  assert.deepEqual(header('survey').slice(0, 9), ['type', 'name', 'label::Svenska (sv)', 'label::English (en)', 'hint::Svenska (sv)',
    'hint::English (en)', 'required', 'relevant', 'constraint']);
  assert.ok(header('survey').slice(9).every((h) => h.startsWith('td_')));
  assert.deepEqual(header('choices'), CHOICE_HEADER);
  assert.deepEqual(header('settings'), SETTINGS_HEADER);
  const types = [];
  workbook.getWorksheet('survey').eachRow((r, n) => { if (n > 1) types.push(r.getCell(1).value); });
  assert.deepEqual(types, ['note', 'begin group', 'select_one q_dag', 'select_one q_kvall', 'select_one td_yes_no', 'select_multiple q_problem',
    'select_one q_forandring', 'end group', 'begin group', 'integer', 'decimal', 'text', 'text', 'geopoint', 'geopoint', 'select_one q_ort', 'end group']);
});

// Every error: a change to the authored form, and the errors it must give (sheet, row, code).
const sheetRow = (sheets, name) => sheets.survey.findIndex((r) => r[1] === name) + 1;
const setCell = (sheets, name, column, value) => { sheets.survey[sheetRow(sheets, name) - 1][SURVEY_HEADER.indexOf(column)] = value; };
const ERROR_CASES = [
  ['an unsupported type', (s) => setCell(s, 'q_kort', 'type', 'calculate'), [['survey', 'q_kort', 'unsupported_type']]],
  ['a repeat', (s) => s.survey.splice(9, 0, row({ type: 'begin repeat', name: 'r' })), [['survey', 10, 'unsupported_type']]],
  ['an unknown column in use', (s) => { s.survey[0].push('appearance'); s.survey[3].push('minimal'); }, [['survey', 4, 'unsupported_column']]],
  ['a third language', (s) => { s.survey[0].push('label::Deutsch (de)'); s.survey[3].push('Sicher?'); }, [['survey', 4, 'unsupported_language']]],
  ['a column that does not fit the type', (s) => setCell(s, 'q_kort', 'td_negative', 'x'), [['survey', 'q_kort', 'column_not_for_type']]],
  ['a required flag that is neither yes nor no', (s) => setCell(s, 'q_kort', 'required', 'kanske'), [['survey', 'q_kort', 'bad_flag']]],
  ['a most-choices that is no whole number', (s) => setCell(s, 'q_problem', 'td_max_choices', 'två'), [['survey', 'q_problem', 'bad_integer']]],
  ['an unknown focus area', (s) => setCell(s, 'q_kort', 'td_focus_area', 'weather'), [['survey', 'q_kort', 'bad_value']]],
  ['an unknown time of day', (s) => setCell(s, 'q_plats', 'td_times_of_day', 'evening dusk'), [['survey', 'q_plats', 'bad_value']]],
  ['a missing English label', (s) => setCell(s, 'q_kort', 'label::English (en)', null), [['survey', 'q_kort', 'missing_text']]],
  ['a name that is no id', (s) => setCell(s, 'q_kort', 'name', 'Q-kort'), [['survey', 'q_kort', 'bad_name']]],
  ['a missing name', (s) => setCell(s, 'q_kort', 'name', null), [['survey', 14, 'missing_name']]],
  ['a name used twice', (s) => setCell(s, 'q_kort', 'name', 'q_forslag'), [['survey', 14, 'duplicate_name']]],
  ['td_type on a text', (s) => setCell(s, 'q_forslag', 'td_type', 'scale'), [['survey', 'q_forslag', 'bad_td_type'], ['survey', 'q_forslag', 'column_not_for_type']]],
  ['a select without a list', (s) => setCell(s, 'q_ort', 'type', 'select_one'), [['survey', 'q_ort', 'select_needs_list'], ['choices', 16, 'unused_list']]],
  ['a list that is not there', (s) => setCell(s, 'q_ort', 'type', 'select_one stader'), [['survey', 'q_ort', 'unknown_list'], ['choices', 16, 'unused_list']]],
  ['a scale point that is no number', (s) => { s.choices[4][1] = 'fyra'; }, [['choices', 5, 'scale_value']]],
  ['a yes/no list that is not yes and no', (s) => { s.choices[6][1] = 'nej'; }, [['survey', 'q_utsatt', 'yes_no_list']]],
  ['a number without its range', (s) => setCell(s, 'q_kvallar', 'constraint', null), [['survey', 'q_kvallar', 'number_needs_range']]],
  ['a constraint beyond the range form', (s) => setCell(s, 'q_kvallar', 'constraint', '. > 0'), [['survey', 'q_kvallar', 'unsupported_constraint']]],
  ['a row without type', (s) => setCell(s, 'q_kort', 'type', null), [['survey', 14, 'missing_type']]],
  ['a group in a group', (s) => s.survey.splice(3, 0, row({ type: 'begin group', name: 'inre', 'label::Svenska (sv)': 'Inre', 'label::English (en)': 'Inner' })),
    [['survey', 4, 'nested_group']]],
  ['an end without a begin', (s) => s.survey.splice(2, 0, row({ type: 'end group' })), [['survey', 3, 'end_without_begin']]],
  ['a group never closed', (s) => s.survey.pop(), [['survey', 18, 'group_not_closed']]],
  ['a note in a group', (s) => s.survey.splice(3, 0, row({ type: 'note', name: 'n', 'label::Svenska (sv)': 'Obs', 'label::English (en)': 'Note' })), [['survey', 4, 'note_in_group']]],
  ['a second note', (s) => s.survey.splice(2, 0, row({ type: 'note', name: 'n', 'label::Svenska (sv)': 'Obs', 'label::English (en)': 'Note' })), [['survey', 3, 'note_not_first']]],
  ['a question outside a group', (s) => s.survey.push(row({ type: 'text', name: 'q_ute', 'label::Svenska (sv)': 'Ute', 'label::English (en)': 'Out' })), [['survey', 19, 'outside_group']]],
  ['relevant that cannot be read', (s) => setCell(s, 'q_kort', 'relevant', '${q_dag} > 2'), [['survey', 'q_kort', 'relevant_syntax']]],
  ['relevant about a later question', (s) => setCell(s, 'q_dag', 'relevant', "${q_kort} != ''"), [['survey', 'q_dag', 'relevant_unknown_question']]],
  ['selected() on a scale', (s) => setCell(s, 'q_kort', 'relevant', "selected(${q_dag}, '1')"), [['survey', 'q_kort', 'relevant_selected']]],
  ['a yes/no compared with something else', (s) => setCell(s, 'q_kort', 'relevant', "${q_utsatt} = 'kanske'"), [['survey', 'q_kort', 'relevant_yes_no']]],
  ['a choice compared with true()', (s) => setCell(s, 'q_kort', 'relevant', '${q_forandring} = true()'), [['survey', 'q_kort', 'relevant_value']]],
  ['a choice twice in a list', (s) => { s.choices[9][1] = 'klotter'; }, [['choices', 10, 'duplicate_choice']]],
  ['a choice row without list', (s) => { s.choices[9][0] = null; }, [['choices', 10, 'missing_name']]],
  ['a list no question uses', (s) => s.choices.push(['extra', 'a', 'A', 'A']), [['choices', 18, 'unused_list']]],
  ['a settings sheet of two rows', (s) => s.settings.push(['x', 1, 'X', 'X']), [['settings', 2, 'settings_one_row']]],
  ['a version that is no whole number', (s) => { s.settings[1][1] = '2024.1'; }, [['settings', 2, 'bad_integer']]],
  ['an unknown kind', (s) => { s.settings[1][4] = 'walk'; }, [['settings', 2, 'bad_value']]],
  ['a default language other than Swedish', (s) => { s.settings[1][5] = 'English (en)'; }, [['settings', 2, 'bad_value']]],
  ['no English title', (s) => { s.settings[1][3] = null; }, [['settings', 2, 'missing_text']]],
  ['a missing sheet', (s) => { delete s.settings; }, [['settings', 0, 'missing_sheet']]],
  ['no groups at all', (s) => { s.survey = [SURVEY_HEADER]; s.choices = [CHOICE_HEADER]; }, [['survey', 1, 'no_group']]],
];

for (const [name, change, expected] of ERROR_CASES) {
  test(`refused with its sheet and row: ${name}`, async () => {
    const sheets = authoredSheets();
    // Rows named by question are looked up before the change moves them.
    const rows = expected.map(([sheet, at, code]) => [sheet, typeof at === 'string' ? sheetRow(sheets, at) : at, code]);
    change(sheets);
    const result = workbookToSurvey(await throughFile(workbookOf(sheets)));
    assert.equal(result.survey, undefined, 'nothing is read');
    assert.deepEqual(result.errors.map((e) => [e.sheet, e.row, e.code]), rows);
  });
}

test('several errors are all listed, in sheet and row order', async () => {
  const sheets = authoredSheets();
  setCell(sheets, 'q_plats', 'type', 'date');
  setCell(sheets, 'q_dag', 'td_negative', 'tre');
  sheets.settings[1][4] = 'walk';
  const result = workbookToSurvey(await throughFile(workbookOf(sheets)));
  assert.deepEqual(result.errors.map((e) => [e.sheet, e.row, e.code]), [
    ['survey', 4, 'bad_value'], ['survey', 15, 'unsupported_type'], ['choices', 14, 'unused_list'], ['settings', 2, 'bad_value'],
  ]);
});

test('show-if conditions of every shape as relevant expressions and back', () => {
  const questions = new Map([
    ['q_yn', { id: 'q_yn', type: 'yes_no' }], ['q_s', { id: 'q_s', type: 'scale' }], ['q_one', { id: 'q_one', type: 'single' }],
    ['q_many', { id: 'q_many', type: 'multi' }], ['q_n', { id: 'q_n', type: 'number' }],
  ]);
  const shapes = [
    { question: 'q_yn', equals: true }, { question: 'q_yn', equals: false }, { question: 'q_s', equals: 3 },
    { question: 'q_one', equals: 'tre' }, { question: 'q_n', equals: 2.5 }, { question: 'q_s', in: [3, 4] },
    { question: 'q_one', in: ['a', 'b', 'c'] }, { question: 'q_many', includes: 'x' }, { question: 'q_one', answered: true },
    { question: 'q_one', answered: false }, { not: { question: 'q_s', in: [1, 2] } },
    { all: [{ question: 'q_yn', equals: true }, { any: [{ question: 'q_s', equals: 1 }, { question: 'q_s', equals: 2 }] }] },
    { any: [{ all: [{ question: 'q_yn', equals: true }, { question: 'q_n', answered: true }] }, { question: 'q_many', includes: 'y' }] },
    { all: [{ question: 'q_s', in: [3, 4] }, { not: { question: 'q_many', includes: 'z' } }] },
    { any: [{ question: 'q_s', in: [1, 2] }, { question: 'q_one', equals: 'a' }] },
    { all: [{ all: [{ question: 'q_yn', equals: true }, { question: 'q_s', equals: 1 }] }, { question: 'q_one', answered: true }] },
  ];
  for (const condition of shapes) {
    const expression = formatRelevant(condition);
    assert.deepEqual(parseRelevant(expression, questions), condition, expression);
  }
  assert.equal(formatRelevant({ question: 'q_s', in: [3, 4] }), '${q_s} = 3 or ${q_s} = 4');
  assert.equal(formatRelevant({ question: 'q_many', includes: 'x' }), "selected(${q_many}, 'x')");
  // What people write in Kobo reads as the same conditions.
  assert.deepEqual(parseRelevant("${q_s}='3'", questions), { question: 'q_s', equals: 3 });
  assert.deepEqual(parseRelevant('${q_yn} = true()', questions), { question: 'q_yn', equals: true });
  assert.deepEqual(parseRelevant("selected(${q_one}, 'a')", questions), { question: 'q_one', equals: 'a' });
  assert.deepEqual(parseRelevant('  ', questions), undefined);
});
