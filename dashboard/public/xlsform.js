// XLSForm in and out: a survey as a workbook with the sheets survey, choices and settings, and
// back (docs/survey-format.md, "XLSForm"). The workbook is an exceljs Workbook (the browser
// build in the dashboard, the npm package in node); nothing here touches the DOM.
//
// Reading answers { survey, rows } or { errors }: every error names its sheet and row, and
// `rows` maps a JSON path of the survey (e.g. "sections[1].questions[0]") to the sheet and row
// it came from, so that the server's validation issues can be shown at their row too.

import { ExpressionError, formatRelevant, parseRelevant } from './show-if.js';

const SV = 'Svenska (sv)';
const EN = 'English (en)';
const FOCUS_AREAS = ['drugs', 'traffic', 'close_violence', 'economic_crime', 'unsafe_places', 'general'];
const BACKGROUNDS = ['age_band', 'gender', 'locality'];
const TIMES_OF_DAY = ['morning', 'day', 'evening', 'night'];
const YES_NO_LIST = 'td_yes_no';

export const SURVEY_COLUMNS = [
  'type', 'name', `label::${SV}`, `label::${EN}`, `hint::${SV}`, `hint::${EN}`, 'required', 'relevant', 'constraint',
  'td_type', 'td_focus_area', 'td_negative', 'td_non_substantive', 'td_exclusive', 'td_max_choices', 'td_dont_know',
  'td_background', 'td_max_places', 'td_times_of_day', 'td_reasons',
];
export const CHOICE_COLUMNS = ['list_name', 'name', `label::${SV}`, `label::${EN}`];
export const SETTINGS_COLUMNS = ['form_id', 'version', 'form_title', `td_form_title::${EN}`, 'td_kind', 'default_language'];

// ---------------------------------------------------------------------------------- writing

const words = (list) => (list && list.length ? list.join(' ') : '');
const yes = (flag) => (flag ? 'yes' : '');

function textColumns(prefix, text) {
  return { [`${prefix}::${SV}`]: text?.sv ?? '', [`${prefix}::${EN}`]: text?.en ?? '' };
}

function choiceRows(listName, choices) {
  return choices.map((c) => ({ list_name: listName, name: String(c.id), ...textColumns('label', c.label) }));
}

// The survey-sheet row of one question, and the choices rows it needs.
function questionRows(q) {
  const row = {
    name: q.id, ...textColumns('label', q.text), ...textColumns('hint', q.help),
    required: yes(q.required), relevant: formatRelevant(q.show_if), td_focus_area: q.focus_area,
    td_background: q.background ?? '',
  };
  const choices = [];
  switch (q.type) {
    case 'scale':
      Object.assign(row, { type: `select_one ${q.id}`, td_type: 'scale', td_negative: words(q.negative), td_dont_know: yes(q.dont_know) });
      choices.push(...choiceRows(q.id, q.points.map((p) => ({ id: p.value, label: p.label }))));
      break;
    case 'single':
      Object.assign(row, { type: `select_one ${q.id}`, td_negative: words(q.negative), td_non_substantive: words(q.non_substantive) });
      choices.push(...choiceRows(q.id, q.choices));
      break;
    case 'multi':
      Object.assign(row, {
        type: `select_multiple ${q.id}`, td_exclusive: words(q.exclusive), td_non_substantive: words(q.non_substantive),
        td_max_choices: q.max_choices ?? '',
      });
      choices.push(...choiceRows(q.id, q.choices));
      break;
    case 'yes_no':
      Object.assign(row, { type: `select_one ${YES_NO_LIST}`, td_type: 'yes_no', td_negative: q.negative === undefined ? '' : (q.negative ? 'yes' : 'no') });
      break;
    case 'number':
      Object.assign(row, { type: q.integer ? 'integer' : 'decimal', constraint: `. >= ${q.min} and . <= ${q.max}` });
      break;
    case 'text':
      Object.assign(row, { type: 'text', constraint: `string-length(.) <= ${q.max_length}` });
      break;
    case 'place':
      Object.assign(row, {
        type: 'geopoint', td_max_places: q.max_places, td_times_of_day: words(q.times_of_day),
        td_reasons: q.reasons.length ? `${q.id}__reasons` : '',
      });
      choices.push(...choiceRows(`${q.id}__reasons`, q.reasons));
      break;
    default:
      throw new Error(`unknown question type ${q.type}`);
  }
  return { row, choices };
}

function addSheet(workbook, name, columns, rows) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((key) => ({ header: key, key, width: Math.max(12, Math.min(40, key.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c, row[c] ?? ''])));
  return sheet;
}

/// The survey as an XLSForm workbook (a new `ExcelJS.Workbook`).
export function surveyToWorkbook(survey, ExcelJS) {
  const surveyRows = [];
  const choices = [];
  if (survey.intro) surveyRows.push({ type: 'note', name: 'intro', ...textColumns('label', survey.intro) });
  let yesNo = false;
  for (const section of survey.sections) {
    surveyRows.push({ type: 'begin group', name: section.id, ...textColumns('label', section.title) });
    for (const q of section.questions) {
      const out = questionRows(q);
      surveyRows.push(out.row);
      choices.push(...out.choices);
      yesNo ||= q.type === 'yes_no';
    }
    surveyRows.push({ type: 'end group', name: section.id });
  }
  if (yesNo) {
    choices.push(...choiceRows(YES_NO_LIST, [
      { id: 'yes', label: { sv: 'Ja', en: 'Yes' } }, { id: 'no', label: { sv: 'Nej', en: 'No' } },
    ]));
  }
  const workbook = new ExcelJS.Workbook();
  addSheet(workbook, 'survey', SURVEY_COLUMNS, surveyRows);
  addSheet(workbook, 'choices', CHOICE_COLUMNS, choices);
  addSheet(workbook, 'settings', SETTINGS_COLUMNS, [{
    form_id: survey.id, version: survey.version, form_title: survey.title.sv, [`td_form_title::${EN}`]: survey.title.en,
    td_kind: survey.kind, default_language: SV,
  }]);
  return workbook;
}

// ---------------------------------------------------------------------------------- reading

// A cell's value as trimmed text, whatever exceljs made of it (rich text, a formula's result,
// a hyperlink, a number or a date).
function cellText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('').trim();
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return cellText(value.text);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return '';
  }
  return String(value).trim();
}

// The language a `label::…`/`hint::…` column is in: 'sv', 'en' or null.
function languageOf(suffix) {
  const s = suffix.trim().toLowerCase();
  if (s === 'sv' || s === 'svenska' || /\(sv\)$/.test(s)) return 'sv';
  if (s === 'en' || s === 'english' || /\(en\)$/.test(s)) return 'en';
  return null;
}

// A sheet's rows as objects keyed by a normalised header: `label:sv`, `hint:en`, else the
// header itself in lower case. Unknown columns and languages are errors when a row uses them.
function readSheet(sheet, known, errors) {
  const header = sheet.getRow(1);
  const keys = [];
  header.eachCell({ includeEmpty: false }, (cell, col) => {
    const raw = cellText(cell.value);
    const text = raw.toLowerCase();
    const lang = /^(label|hint|td_form_title)::(.+)$/.exec(raw);
    if (lang) {
      const l = languageOf(lang[2]);
      keys[col] = l ? `${lang[1].toLowerCase()}:${l}` : { unknown: raw, code: 'unsupported_language' };
    } else if (text === 'label' || text === 'hint') keys[col] = `${text}:sv`;
    else if (known.includes(text) || text.startsWith('$')) keys[col] = text;
    else keys[col] = { unknown: raw, code: 'unsupported_column' };
  });
  const rows = [];
  for (let r = 2; r <= sheet.rowCount; ++r) {
    const row = { _row: r };
    let any = false;
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const value = cellText(cell.value);
      if (!value) return;
      const key = keys[col];
      if (key === undefined) return;
      any = true;
      if (typeof key === 'object') errors.push({ sheet: sheet.name, row: r, code: key.code, params: { column: key.unknown } });
      else row[key] = value;
    });
    if (any) rows.push(row);
  }
  return rows;
}

function flag(value, at, column, errors) {
  if (value === undefined) return false;
  const v = value.toLowerCase();
  if (['yes', 'true', 'true()', 'ja', '1'].includes(v)) return true;
  if (['no', 'false', 'false()', 'nej', '0'].includes(v)) return false;
  errors.push({ ...at, code: 'bad_flag', params: { column, value } });
  return false;
}

function integerOf(value, at, column, errors) {
  if (!/^\d+$/.test(value)) {
    errors.push({ ...at, code: 'bad_integer', params: { column, value } });
    return undefined;
  }
  return Number(value);
}

const listOf = (value) => (value ? value.split(/\s+/).filter(Boolean) : []);

function textOf(row, prefix, at, errors, optional = false) {
  const sv = row[`${prefix}:sv`];
  const en = row[`${prefix}:en`];
  if (optional && !sv && !en) return undefined;
  if (!sv) errors.push({ ...at, code: 'missing_text', params: { column: `${prefix}::${SV}` } });
  if (!en) errors.push({ ...at, code: 'missing_text', params: { column: `${prefix}::${EN}` } });
  return { sv: sv ?? '', en: en ?? '' };
}

// Columns each kind of row may fill (beyond type, name, labels, hints); others are errors.
const ALLOWED = {
  scale: ['required', 'relevant', 'td_type', 'td_focus_area', 'td_negative', 'td_dont_know', 'td_background'],
  single: ['required', 'relevant', 'td_focus_area', 'td_negative', 'td_non_substantive', 'td_background'],
  multi: ['required', 'relevant', 'td_focus_area', 'td_non_substantive', 'td_exclusive', 'td_max_choices', 'td_background'],
  yes_no: ['required', 'relevant', 'td_type', 'td_focus_area', 'td_negative', 'td_background'],
  number: ['required', 'relevant', 'constraint', 'td_focus_area', 'td_background'],
  text: ['required', 'relevant', 'constraint', 'td_focus_area', 'td_background'],
  place: ['required', 'relevant', 'td_focus_area', 'td_max_places', 'td_times_of_day', 'td_reasons', 'td_background'],
  group: [], note: [],
};
const BASE_COLUMNS = ['type', 'name', 'label:sv', 'label:en', 'hint:sv', 'hint:en'];

function checkColumns(row, kind, at, errors) {
  for (const key of Object.keys(row)) {
    if (key === '_row' || key.startsWith('$') || BASE_COLUMNS.includes(key) || ALLOWED[kind].includes(key)) continue;
    if ((kind === 'group' || kind === 'note') && key.startsWith('hint:')) continue;
    errors.push({ ...at, code: 'column_not_for_type', params: { column: key, type: row.type } });
  }
  if ((kind === 'group' || kind === 'note') && (row['hint:sv'] || row['hint:en']))
    errors.push({ ...at, code: 'column_not_for_type', params: { column: 'hint', type: row.type } });
}

const ID = /^[a-z0-9_]{1,64}$/;

function checkId(id, at, column, errors) {
  if (!id) errors.push({ ...at, code: 'missing_name', params: { column } });
  else if (!ID.test(id)) errors.push({ ...at, code: 'bad_name', params: { column, value: id } });
}

// The question of a survey-sheet row; `lists` are the choices sheet's lists by name.
function readQuestion(row, at, lists, errors) {
  const [base, listName, extra] = row.type.split(/\s+/);
  const tdType = row.td_type;
  let type;
  if (base === 'select_one') type = tdType === 'scale' ? 'scale' : tdType === 'yes_no' ? 'yes_no' : 'single';
  else if (base === 'select_multiple') type = 'multi';
  else if (base === 'integer' || base === 'decimal') type = 'number';
  else if (base === 'text') type = 'text';
  else if (base === 'geopoint') type = 'place';
  else {
    errors.push({ ...at, code: 'unsupported_type', params: { type: row.type } });
    return null;
  }
  if (tdType && !(base === 'select_one' && (tdType === 'scale' || tdType === 'yes_no')))
    errors.push({ ...at, code: 'bad_td_type', params: { value: tdType } });
  const isSelect = base === 'select_one' || base === 'select_multiple';
  if (isSelect && (!listName || extra)) {
    errors.push({ ...at, code: 'select_needs_list', params: { type: row.type } });
    return null;
  }
  if (!isSelect && listName) errors.push({ ...at, code: 'unsupported_type', params: { type: row.type } });
  checkColumns(row, type, at, errors);
  checkId(row.name, at, 'name', errors);
  const q = { id: row.name ?? '', type, text: textOf(row, 'label', at, errors) };
  const help = textOf(row, 'hint', at, errors, true);
  if (help) q.help = help;
  const focus = row.td_focus_area ?? 'general';
  if (!FOCUS_AREAS.includes(focus)) errors.push({ ...at, code: 'bad_value', params: { column: 'td_focus_area', value: focus } });
  q.focus_area = focus;
  q.required = flag(row.required, at, 'required', errors);
  if (row.td_background) {
    if (!BACKGROUNDS.includes(row.td_background)) errors.push({ ...at, code: 'bad_value', params: { column: 'td_background', value: row.td_background } });
    q.background = row.td_background;
  }
  const list = (name) => {
    const found = lists.get(name);
    if (!found) errors.push({ ...at, code: 'unknown_list', params: { list: name } });
    else found.used = true;
    return found ? found.choices : [];
  };
  switch (type) {
    case 'scale': {
      const points = list(listName);
      q.points = points.map((c) => {
        if (!/^-?\d+$/.test(c.id)) errors.push({ sheet: 'choices', row: c.row, code: 'scale_value', params: { value: c.id } });
        return { value: Number(c.id), label: c.label };
      });
      q.dont_know = flag(row.td_dont_know, at, 'td_dont_know', errors);
      const negative = listOf(row.td_negative);
      if (negative.some((v) => !/^-?\d+$/.test(v))) errors.push({ ...at, code: 'bad_value', params: { column: 'td_negative', value: row.td_negative } });
      else if (negative.length) q.negative = negative.map(Number);
      break;
    }
    case 'single':
    case 'multi': {
      q.choices = list(listName).map((c) => ({ id: c.id, label: c.label }));
      if (type === 'single' && row.td_negative) q.negative = listOf(row.td_negative);
      if (type === 'multi' && row.td_max_choices) q.max_choices = integerOf(row.td_max_choices, at, 'td_max_choices', errors);
      if (type === 'multi' && row.td_exclusive) q.exclusive = listOf(row.td_exclusive);
      if (row.td_non_substantive) q.non_substantive = listOf(row.td_non_substantive);
      break;
    }
    case 'yes_no': {
      const names = list(listName).map((c) => c.id).sort().join(' ');
      if (names !== 'no yes') errors.push({ ...at, code: 'yes_no_list', params: { list: listName } });
      if (row.td_negative) {
        if (row.td_negative !== 'yes' && row.td_negative !== 'no') errors.push({ ...at, code: 'bad_value', params: { column: 'td_negative', value: row.td_negative } });
        q.negative = row.td_negative === 'yes';
      }
      break;
    }
    case 'number': {
      const m = /^\.\s*>=\s*(-?\d+(?:\.\d+)?)\s+and\s+\.\s*<=\s*(-?\d+(?:\.\d+)?)$/.exec(row.constraint ?? '');
      if (!m) errors.push({ ...at, code: row.constraint ? 'unsupported_constraint' : 'number_needs_range', params: { value: row.constraint ?? '' } });
      q.min = m ? Number(m[1]) : 0;
      q.max = m ? Number(m[2]) : 0;
      q.integer = base === 'integer';
      break;
    }
    case 'text': {
      const m = /^string-length\(\s*\.\s*\)\s*<=\s*(\d+)$/.exec(row.constraint ?? '');
      if (row.constraint && !m) errors.push({ ...at, code: 'unsupported_constraint', params: { value: row.constraint } });
      q.max_length = m ? Number(m[1]) : 4000;
      break;
    }
    case 'place': {
      q.max_places = row.td_max_places ? integerOf(row.td_max_places, at, 'td_max_places', errors) : 1;
      const times = row.td_times_of_day ? listOf(row.td_times_of_day) : TIMES_OF_DAY;
      for (const time of times)
        if (!TIMES_OF_DAY.includes(time)) errors.push({ ...at, code: 'bad_value', params: { column: 'td_times_of_day', value: time } });
      q.times_of_day = times;
      q.reasons = row.td_reasons ? list(row.td_reasons).map((c) => ({ id: c.id, label: c.label })) : [];
      break;
    }
    default:
      break;
  }
  return q;
}

function readChoices(rows, errors) {
  const lists = new Map();
  for (const row of rows) {
    const at = { sheet: 'choices', row: row._row };
    for (const key of Object.keys(row))
      if (!['_row', 'list_name', 'name', 'label:sv', 'label:en'].includes(key) && !key.startsWith('$'))
        errors.push({ ...at, code: 'unsupported_column', params: { column: key } });
    if (!row.list_name) errors.push({ ...at, code: 'missing_name', params: { column: 'list_name' } });
    checkId(row.name, at, 'name', errors);
    if (!row.list_name) continue;
    if (!lists.has(row.list_name)) lists.set(row.list_name, { choices: [], row: row._row });
    const list = lists.get(row.list_name);
    if (list.choices.some((c) => c.id === row.name)) errors.push({ ...at, code: 'duplicate_choice', params: { list: row.list_name, value: row.name } });
    list.choices.push({ id: row.name ?? '', label: textOf(row, 'label', at, errors), row: row._row });
  }
  return lists;
}

function readSettings(rows, errors) {
  const at = { sheet: 'settings', row: 2 };
  if (rows.length !== 1) {
    errors.push({ ...at, code: 'settings_one_row', params: {} });
    return null;
  }
  const row = rows[0];
  at.row = row._row;
  for (const key of Object.keys(row)) {
    if (key === '_row' || key.startsWith('$') || SETTINGS_COLUMNS.includes(key) || key === 'td_form_title:en') continue;
    errors.push({ ...at, code: 'unsupported_column', params: { column: key } });
  }
  checkId(row.form_id, at, 'form_id', errors);
  const version = row.version === undefined ? 1 : integerOf(row.version, at, 'version', errors);
  if (version === 0) errors.push({ ...at, code: 'bad_integer', params: { column: 'version', value: row.version } });
  const kind = row.td_kind ?? 'survey';
  if (kind !== 'survey' && kind !== 'dialogue') errors.push({ ...at, code: 'bad_value', params: { column: 'td_kind', value: kind } });
  if (row.default_language && languageOf(row.default_language) !== 'sv')
    errors.push({ ...at, code: 'bad_value', params: { column: 'default_language', value: row.default_language } });
  if (!row.form_title) errors.push({ ...at, code: 'missing_text', params: { column: 'form_title' } });
  if (!row['td_form_title:en']) errors.push({ ...at, code: 'missing_text', params: { column: `td_form_title::${EN}` } });
  return { id: row.form_id ?? '', version: version ?? 1, kind, title: { sv: row.form_title ?? '', en: row['td_form_title:en'] ?? '' } };
}

// The errors once each (a list several questions use is checked for each), by sheet and row.
function sortErrors(errors) {
  const order = { survey: 0, choices: 1, settings: 2 };
  const seen = new Set();
  return errors.filter((e) => {
    const key = JSON.stringify([e.sheet, e.row, e.code, e.params]);
    return !seen.has(key) && seen.add(key);
  }).sort((a, b) => (order[a.sheet] ?? 3) - (order[b.sheet] ?? 3) || a.row - b.row);
}

/// Reads an XLSForm workbook: { survey, rows } or { errors: [{sheet, row, code, params}] }.
export function workbookToSurvey(workbook) {
  const errors = [];
  const sheets = {};
  for (const name of ['survey', 'choices', 'settings']) {
    sheets[name] = workbook.worksheets.find((s) => s.name.trim().toLowerCase() === name);
    if (!sheets[name] && name !== 'choices') errors.push({ sheet: name, row: 0, code: 'missing_sheet', params: { sheet: name } });
  }
  if (errors.length) return { errors };
  const surveyRows = readSheet(sheets.survey, [...SURVEY_COLUMNS, 'label', 'hint'], errors);
  const choiceRows = sheets.choices ? readSheet(sheets.choices, CHOICE_COLUMNS, errors) : [];
  const settingsRows = readSheet(sheets.settings, [...SETTINGS_COLUMNS, 'td_form_title'], errors);
  const lists = readChoices(choiceRows, errors);
  const head = readSettings(settingsRows, errors);
  const survey = { ...(head ?? { id: '', version: 1, kind: 'survey', title: { sv: '', en: '' } }) };
  const rows = new Map();
  const sections = [];
  const questions = new Map(); // earlier questions, for show-if
  let section = null;
  let intro;
  const pendingRelevant = [];
  for (const row of surveyRows) {
    const at = { sheet: 'survey', row: row._row };
    const type = (row.type ?? '').toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ');
    if (!row.type) {
      errors.push({ ...at, code: 'missing_type', params: {} });
    } else if (type === 'begin group') {
      checkColumns(row, 'group', at, errors);
      if (section) errors.push({ ...at, code: 'nested_group', params: {} });
      checkId(row.name, at, 'name', errors);
      section = { id: row.name ?? '', title: textOf(row, 'label', at, errors), questions: [] };
      rows.set(`sections[${sections.length}]`, at);
      sections.push(section);
    } else if (type === 'end group') {
      if (!section) errors.push({ ...at, code: 'end_without_begin', params: {} });
      section = null;
    } else if (type === 'note') {
      checkColumns(row, 'note', at, errors);
      if (section) errors.push({ ...at, code: 'note_in_group', params: {} });
      else if (sections.length || intro) errors.push({ ...at, code: 'note_not_first', params: {} });
      else {
        intro = textOf(row, 'label', at, errors);
        rows.set('intro', at);
      }
    } else if (type === 'begin repeat' || type === 'end repeat') {
      errors.push({ ...at, code: 'unsupported_type', params: { type: row.type } });
    } else {
      const q = readQuestion(row, at, lists, errors);
      if (!q) continue;
      if (!section) {
        errors.push({ ...at, code: 'outside_group', params: {} });
        continue;
      }
      if (questions.has(q.id)) errors.push({ ...at, code: 'duplicate_name', params: { value: q.id } });
      if (row.relevant) pendingRelevant.push({ q, text: row.relevant, at, earlier: new Map(questions) });
      rows.set(`sections[${sections.length - 1}].questions[${section.questions.length}]`, at);
      section.questions.push(q);
      questions.set(q.id, q);
    }
  }
  if (section) errors.push({ sheet: 'survey', row: sheets.survey.rowCount + 1, code: 'group_not_closed', params: { name: section.id } });
  for (const { q, text, at, earlier } of pendingRelevant) {
    try {
      const condition = parseRelevant(text, earlier);
      if (condition) q.show_if = condition;
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      errors.push({ ...at, code: err.code, params: { ...err.params, value: text } });
    }
  }
  for (const [name, list] of lists)
    if (!list.used && name !== YES_NO_LIST) errors.push({ sheet: 'choices', row: list.row, code: 'unused_list', params: { list: name } });
  if (!sections.length && !errors.length) errors.push({ sheet: 'survey', row: 1, code: 'no_group', params: {} });
  if (errors.length) return { errors: sortErrors(errors) };
  if (intro) survey.intro = intro;
  survey.sections = sections;
  return { survey, rows };
}

/// The sheet and row a survey JSON path (a validator issue's) came from, if the import knows.
export function rowOfPath(rows, path) {
  let p = path;
  while (p) {
    if (rows.has(p)) return rows.get(p);
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return { sheet: 'settings', row: 2 };
}
