// The dashboard's "Enkäter" view: every survey with its published versions and draft; a new
// version as a copy of the published one (question ids kept, so trends go on); the editor
// (survey-editor.js) with the shared validator's issues at their fields and in a summary;
// the resident's preview; publishing after a confirmation (a published version is read only);
// and XLSForm in and out (xlsform.js).

import { ApiError, getJson, saveBlob, sendJson } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { el } from './dom.js';
import { language, localized, t } from './i18n.js';
import { SurveyEditor, fieldId, localIssues } from './survey-editor.js';
import { rowOfPath, surveyToWorkbook, workbookToSurvey } from './xlsform.js';

let hooks = { setStatus: () => {}, onError: () => {} };
let surveys = [];
let editing = null; // { survey, status, readOnly, isNew, lockedIds, lockedChoices, issues, ... }
let importErrors = [];

const view = () => document.getElementById('surveys-view');
const path = (id, tail = '') => `/api/v1/surveys/${encodeURIComponent(id)}${tail}`;
const clone = (x) => JSON.parse(JSON.stringify(x));

async function load() {
  surveys = (await getJson('/api/v1/surveys')).surveys.sort((a, b) => a.id.localeCompare(b.id));
  render();
}

// Question and choice ids a published version fixes (they identify answers across years).
function locksOf(survey) {
  const lockedIds = new Set();
  const lockedChoices = new Map();
  for (const q of survey.sections.flatMap((s) => s.questions)) {
    lockedIds.add(q.id);
    lockedChoices.set(q.id, new Set((q.choices || []).map((c) => c.id)));
  }
  return { lockedIds, lockedChoices };
}

function startEditing(survey, { status, readOnly = false, isNew = false, locks }) {
  editing = {
    survey, status, readOnly, isNew, issues: [], open: new Set(), pendingExpressions: new Set(), dirty: false,
    ...(locks ?? { lockedIds: new Set(), lockedChoices: new Map() }),
  };
  render();
  document.getElementById('editor-heading')?.focus();
}

// The ids a draft must keep: those of the newest published version (none before the first).
async function publishedLocks(body) {
  const versions = body.published_versions || [];
  if (!versions.length) return undefined;
  return locksOf((await getJson(path(body.id, `/versions/${Math.max(...versions)}`))).survey);
}

// Opens the survey as the server has it: a draft to edit, or the latest published version to
// read. A draft after a published version keeps that version's ids.
async function open(summary) {
  const body = await getJson(path(summary.id));
  const published = body.status === 'published';
  startEditing(body.survey, { status: body.status, readOnly: published, locks: published ? undefined : await publishedLocks(body) });
}

async function newVersion(summary) {
  const body = await getJson(path(summary.id));
  const copy = clone(body.survey);
  copy.version = Math.max(body.survey.version, ...(body.published_versions || [])) + 1;
  await sendJson('PUT', path(summary.id), copy);
  await load();
  startEditing(copy, { status: 'draft', locks: locksOf(body.survey) });
  hooks.setStatus('surveys.versionCreated', { survey: localized(copy.title), version: copy.version });
}

function newSurvey() {
  const survey = {
    id: '', version: 1, kind: 'survey', title: { sv: '', en: '' },
    sections: [{ id: 'del_1', title: { sv: '', en: '' }, questions: [] }],
  };
  startEditing(survey, { status: 'draft', isNew: true });
}

// ---------------------------------------------------------------------------------- issues

function issueText(issue) {
  const key = `surveys.issue.${issue.code}`;
  const text = t(key);
  return text === key ? issue.message || issue.code : text;
}

// The issues of a refused save: the validator's list, or a decoding error's one path, which
// its message starts with ("sections[0].title.sv: must not be empty").
function issuesOf(err) {
  if (err.issues?.length) return err.issues;
  if (err.code === 'already_exists') return [{ path: 'id', code: err.code, message: err.message }];
  const m = /^([\w.[\]]+): (.*)$/.exec(err.message || '');
  if (m) return [{ path: m[1], code: err.code, message: m[2] }];
  return [{ path: '', code: err.code, message: err.message }];
}

function setIssues(list) {
  editing.issues = list.map((i) => ({ ...i, text: issueText(i) }));
  render();
  document.getElementById('survey-issues')?.focus();
}

// The element an issue's path names, or the nearest enclosing one the form has.
function elementFor(issuePath) {
  let p = issuePath;
  while (p) {
    const found = document.getElementById(fieldId(p));
    if (found) return found;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return document.getElementById(fieldId('title.sv'));
}

function where(issuePath) {
  const m = /^sections\[(\d+)\](?:\.questions\[(\d+)\])?/.exec(issuePath);
  if (!m) return t('surveys.aboutSurvey');
  const section = editing.survey.sections[Number(m[1])];
  if (!section) return '';
  if (m[2] === undefined) return t('surveys.sectionHeading', { n: Number(m[1]) + 1, title: section.title.sv || section.id });
  return t('surveys.questionIs', { id: section.questions[Number(m[2])]?.id ?? '' });
}

function issueSummary() {
  if (!editing.issues.length) return null;
  const items = editing.issues.map((issue) => {
    const target = elementFor(issue.path);
    const label = target ? document.querySelector(`label[for="${target.id}"]`)?.textContent : '';
    const link = el('a', { text: `${where(issue.path)}${label ? ` – ${label}` : ''}: ${issue.text}`, attrs: { href: `#${target?.id ?? ''}` } });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const field = elementFor(issue.path);
      for (let d = field?.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
      field?.focus();
      field?.scrollIntoView({ block: 'center' });
    });
    return el('li', {}, [link]);
  });
  return el('div', { className: 'issue-summary', attrs: { id: 'survey-issues', tabindex: '-1', role: 'alert', 'aria-labelledby': 'survey-issues-heading' } }, [
    el('h3', { text: t('surveys.issuesHeading', { count: editing.issues.length }), attrs: { id: 'survey-issues-heading' } }),
    el('ul', {}, items),
  ]);
}

// ---------------------------------------------------------------------------------- actions

// Saves the draft; answers whether the server took it (issues shown otherwise).
async function save() {
  if (editing.pendingExpressions.size) {
    hooks.setStatus('surveys.fixShowIf', {}, true);
    return false;
  }
  const local = localIssues(editing.survey);
  if (local.length) {
    setIssues(local);
    hooks.setStatus('surveys.notSaved', { count: local.length }, true);
    return false;
  }
  try {
    if (editing.isNew) await sendJson('POST', '/api/v1/surveys', editing.survey);
    else await sendJson('PUT', path(editing.survey.id), editing.survey);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 422 || err.status === 400 || err.status === 409)) {
      setIssues(issuesOf(err));
      hooks.setStatus('surveys.notSaved', { count: editing.issues.length }, true);
      return false;
    }
    throw err;
  }
  editing.isNew = false;
  editing.dirty = false;
  editing.issues = [];
  await load();
  hooks.setStatus('surveys.saved', { survey: localized(editing.survey.title), version: editing.survey.version });
  return true;
}

async function publish() {
  const s = editing.survey;
  const ok = await confirmDialog({
    id: 'publish-dialog',
    title: t('surveys.publishTitle', { survey: localized(s.title), version: s.version }),
    paragraphs: [t('surveys.publishText'), t('surveys.publishIds')],
    confirmLabel: t('surveys.publishConfirm'), cancelLabel: t('surveys.cancel'),
  });
  if (!ok) return;
  if (editing.dirty || editing.isNew) {
    if (!(await save())) return;
  }
  try {
    await sendJson('POST', path(s.id, '/publish'), {});
  } catch (err) {
    if (err instanceof ApiError && err.status === 422) {
      setIssues(issuesOf(err));
      return;
    }
    throw err;
  }
  editing.readOnly = true;
  editing.status = 'published';
  await load();
  hooks.setStatus('surveys.published', { survey: localized(s.title), version: s.version });
}

function preview() {
  sessionStorage.setItem('td.preview', JSON.stringify(editing.survey));
  window.open(`/survey-preview.html?lang=${language()}`, '_blank');
}

// The exceljs browser build, loaded on first use as a classic script.
let excel = null;
function exceljs() {
  excel ??= new Promise((resolve, reject) => {
    if (window.ExcelJS) return resolve(window.ExcelJS);
    const script = el('script', { attrs: { src: '/vendor/exceljs/exceljs.min.js' } });
    script.addEventListener('load', () => resolve(window.ExcelJS));
    script.addEventListener('error', () => {
      excel = null;
      reject(new Error(t('xlsform.noLibrary')));
    });
    document.head.append(script);
  });
  return excel;
}

async function exportXlsForm(survey) {
  const ExcelJS = await exceljs();
  const buffer = await surveyToWorkbook(survey, ExcelJS).xlsx.writeBuffer();
  const name = `${survey.id}-v${survey.version}.xlsx`;
  saveBlob(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name);
  hooks.setStatus('status.downloaded', { file: name });
}

const importLine = (e) => t('xlsform.at', { sheet: e.sheet, row: e.row, message: e.text ?? t(`xlsform.error.${e.code}`, e.params) });

async function importXlsForm(form) {
  const file = form.querySelector('input[type=file]').files[0];
  const target = form.querySelector('select[name=target]').value;
  importErrors = [];
  if (!file) {
    importErrors = [{ text: t('xlsform.noFile') }];
    renderImportErrors();
    return;
  }
  const ExcelJS = await exceljs();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(await file.arrayBuffer());
  } catch {
    importErrors = [{ text: t('xlsform.notXlsx', { file: file.name }) }];
    renderImportErrors();
    return;
  }
  const result = workbookToSurvey(workbook);
  if (result.errors) {
    importErrors = result.errors.map((e) => ({ line: importLine(e) }));
    renderImportErrors();
    return;
  }
  const survey = result.survey;
  let existing = null;
  if (target) {
    existing = await getJson(path(target));
    survey.id = target;
    survey.version = existing.status === 'draft' ? existing.version : Math.max(existing.version, ...(existing.published_versions || [])) + 1;
    if (existing.status === 'draft') {
      const ok = await confirmDialog({
        id: 'replace-dialog', title: t('xlsform.replaceTitle', { survey: localized(existing.title), version: existing.version }),
        paragraphs: [t('xlsform.replaceText')], confirmLabel: t('xlsform.replaceConfirm'), cancelLabel: t('surveys.cancel'),
      });
      if (!ok) return;
    }
  }
  try {
    if (target) await sendJson('PUT', path(target), survey);
    else await sendJson('POST', '/api/v1/surveys', survey);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 422 || err.status === 400 || err.status === 409)) {
      importErrors = issuesOf(err).map((i) => {
        const at = i.path ? rowOfPath(result.rows, i.path) : { sheet: 'settings', row: 2 };
        return { line: importLine({ ...at, text: issueText(i) }) };
      });
      renderImportErrors();
      return;
    }
    throw err;
  }
  await load();
  const locks = existing ? await publishedLocks(existing) : undefined;
  startEditing(survey, { status: 'draft', locks });
  hooks.setStatus('xlsform.imported', { survey: localized(survey.title), version: survey.version });
}

function renderImportErrors() {
  const box = document.getElementById('xlsform-errors');
  if (!box) return;
  box.replaceChildren();
  box.hidden = !importErrors.length;
  if (!importErrors.length) return;
  box.append(
    el('p', { text: t('xlsform.errorsHeading', { count: importErrors.length }) }),
    el('ul', {}, importErrors.map((e) => el('li', { text: e.line ?? e.text }))),
  );
}

// ---------------------------------------------------------------------------------- drawing

function guarded(fn) {
  return async (...args) => {
    try {
      await fn(...args);
    } catch (err) {
      hooks.onError(err);
    }
  };
}

function button(label, className, onClick, attrs = {}) {
  const b = el('button', { className, text: label, attrs: { type: 'button', ...attrs } });
  b.addEventListener('click', guarded(onClick));
  return b;
}

function versionsCell(s) {
  const badges = (s.published_versions || []).map((v) => el('span', { className: 'badge state-open', text: t('surveys.publishedVersion', { version: v }) }));
  if (s.status === 'draft') badges.push(el('span', { className: 'badge state-draft', text: t('surveys.draftVersion', { version: s.version }) }));
  return el('div', { className: 'versions' }, badges);
}

function surveyRow(s) {
  const name = localized(s.title);
  const aria = (label) => ({ 'aria-label': `${label}: ${name}` });
  const actions = [];
  if (s.status === 'draft') actions.push(button(t('surveys.editDraft'), 'edit-draft', () => open(s), aria(t('surveys.editDraft'))));
  else {
    actions.push(button(t('surveys.newVersion'), 'new-version', () => newVersion(s), aria(t('surveys.newVersion'))));
    actions.push(button(t('surveys.view'), 'secondary view-survey', () => open(s), aria(t('surveys.view'))));
  }
  actions.push(button(t('xlsform.export'), 'secondary export-xlsform', async () => exportXlsForm((await getJson(path(s.id))).survey), aria(t('xlsform.export'))));
  return el('tr', { attrs: { 'data-survey': s.id } }, [
    el('th', { attrs: { scope: 'row' } }, [el('div', { text: name }), el('div', { className: 'note', text: s.id })]),
    el('td', { attrs: { 'data-label': t('surveys.versions') } }, [versionsCell(s)]),
    el('td', { className: 'actions' }, actions),
  ]);
}

function listCards() {
  const target = el('select', { attrs: { name: 'target', id: 'xlsform-target' } }, [new Option(t('xlsform.asNewSurvey'), '')]);
  for (const s of surveys) target.append(new Option(t('xlsform.asNewVersion', { survey: localized(s.title) }), s.id));
  const file = el('input', { attrs: { type: 'file', id: 'xlsform-file', accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
  const form = el('form', { className: 'xlsform-form', attrs: { id: 'xlsform-form', novalidate: '' } }, [
    el('div', { className: 'field' }, [el('label', { text: t('xlsform.file'), attrs: { for: file.id } }), file]),
    el('div', { className: 'field' }, [el('label', { text: t('xlsform.target'), attrs: { for: target.id } }), target]),
    el('div', {}, [el('button', { text: t('xlsform.import'), attrs: { type: 'submit' } })]),
    el('div', { className: 'error import-errors', attrs: { id: 'xlsform-errors', role: 'alert', hidden: '' } }),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(importXlsForm)(form);
  });
  return [
    el('section', { className: 'card' }, [
      el('h2', { text: t('surveys.heading') }),
      el('p', { className: 'note', text: t('surveys.intro') }),
      el('div', { className: 'table-scroll' }, [
        el('table', { className: 'data stack', attrs: { id: 'surveys-table' } }, [
          el('thead', {}, [el('tr', {}, ['surveys.survey', 'surveys.versions', 'surveys.actions'].map((k) => el('th', { text: t(k), attrs: { scope: 'col' } })))]),
          el('tbody', {}, surveys.map(surveyRow)),
        ]),
      ]),
      el('div', {}, [button(t('surveys.newSurvey'), 'secondary new-survey', newSurvey)]),
    ]),
    el('section', { className: 'card' }, [
      el('h2', { text: t('xlsform.heading') }),
      el('p', { className: 'note', text: t('xlsform.intro') }),
      form,
    ]),
  ];
}

function stateText() {
  const { version } = editing.survey;
  if (editing.readOnly) return t('surveys.readOnly', { version });
  return t(editing.dirty ? 'surveys.editingUnsaved' : 'surveys.editingDraft', { version });
}

function editorToolbar() {
  const s = editing.survey;
  const close = button(t('surveys.close'), 'secondary close-editor', async () => {
    if (editing.dirty) {
      const ok = await confirmDialog({
        id: 'discard-dialog', title: t('surveys.discardTitle'), paragraphs: [t('surveys.discardText')],
        confirmLabel: t('surveys.discardConfirm'), cancelLabel: t('surveys.cancel'),
      });
      if (!ok) return;
    }
    editing = null;
    render();
  });
  const expand = button(t('surveys.openAll'), 'secondary open-all', () => {
    const cards = [...document.querySelectorAll('#survey-editor details.question-card')];
    const open = cards.some((d) => !d.open);
    for (const d of cards) d.open = open;
  });
  const tools = [close, expand, button(t('surveys.preview'), 'secondary preview-survey', preview)];
  tools.push(button(t('xlsform.export'), 'secondary export-xlsform', () => exportXlsForm(s)));
  if (!editing.readOnly) {
    tools.push(button(t('surveys.save'), 'save-survey', save));
    tools.push(button(t('surveys.publish'), 'publish-survey', publish));
  }
  const state = stateText();
  return el('div', { className: 'card editor-bar' }, [
    el('h2', { text: `${localized(s.title) || t('surveys.untitled')} – ${t('surveys.versionN', { version: s.version })}`, attrs: { id: 'editor-heading', tabindex: '-1' } }),
    el('p', { className: `note editor-state${editing.readOnly ? ' read-only' : ''}`, text: state, attrs: { id: 'editor-state' } }),
    el('div', { className: 'toolbar' }, tools),
  ]);
}

function render() {
  const root = view();
  if (!editing) {
    root.replaceChildren(...listCards());
    renderImportErrors();
  } else {
    const form = el('div', { className: 'survey-editor', attrs: { id: 'survey-editor' } });
    const editor = new SurveyEditor(form, editing, () => {
      editing.dirty = true;
      const state = document.getElementById('editor-state');
      if (state) state.textContent = stateText();
    });
    editor.render();
    root.replaceChildren(editorToolbar(), form);
    const summary = issueSummary();
    if (summary) root.insertBefore(summary, form);
  }
  root.dataset.loaded = 'true';
}

// Wires the view to the dashboard: loads when shown, redraws on a language switch.
export function initSurveys({ setStatus, onError }) {
  hooks = { setStatus, onError };
  // The browser asks before a tab with unsaved edits is closed or reloaded.
  window.addEventListener('beforeunload', (event) => {
    if (editing?.dirty) event.preventDefault();
  });
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'surveys-view') load().catch((err) => hooks.onError(err));
  });
  document.addEventListener('td:language', () => {
    if (view().hidden) return;
    if (editing) editing.issues = editing.issues.map((i) => ({ ...i, text: issueText(i) }));
    render();
  });
}
