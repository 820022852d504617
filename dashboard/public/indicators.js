// The dashboard's "Polis- och kommunsiffror" view: import a CSV of police and municipality
// figures (indicator, area, period, value, source, optionally the indicator's names), see what was added or replaced or which
// rows were refused and why, and the stored figures (each can be deleted). After a change the
// picture is redrawn (`td:indicators-changed`), since its focus areas show the figures.

import { ApiError, getJson, sendText } from './api.js';
import { clear, el, keepFocus, stackTable } from './dom.js';
import { indicatorName, number, t } from './i18n.js';

let hooks = { setStatus: () => {}, onError: () => {} };
let figures = [];
let lastResult = null; // {kind: 'imported', counts} or {kind: 'rejected', issues, message}

const view = () => document.getElementById('indicators-view');

async function load() {
  figures = (await getJson('/api/v1/indicators')).indicators;
  render();
}

function changed() {
  document.dispatchEvent(new CustomEvent('td:indicators-changed'));
}

async function upload(input, button) {
  const file = input.files?.[0];
  if (!file) {
    lastResult = { kind: 'rejected', message: t('indicators.chooseFile'), issues: [] };
    render();
    return;
  }
  button.disabled = true;
  try {
    const counts = await sendText('POST', '/api/v1/indicators', await file.text(), 'text/csv; charset=utf-8');
    lastResult = { kind: 'imported', counts, file: file.name };
    hooks.setStatus('indicators.importedStatus', { file: file.name });
    figures = (await getJson('/api/v1/indicators')).indicators;
    changed();
  } catch (err) {
    if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 403) {
      lastResult = { kind: 'rejected', message: err.message, issues: err.issues || [], file: file.name };
      hooks.setStatus('indicators.rejectedStatus', { file: file.name }, true);
    } else {
      hooks.onError(err);
    }
  } finally {
    button.disabled = false;
  }
  render();
}

async function remove(figure, button) {
  button.disabled = true;
  const id = encodeURIComponent(`${figure.indicator}@${figure.area}@${figure.period}`);
  try {
    await sendText('DELETE', `/api/v1/indicators/${id}`, '', 'text/plain');
    figures = figures.filter((f) => f !== figure);
    hooks.setStatus('indicators.deleted', { indicator: indicatorName(figure), period: figure.period });
    changed();
    render();
  } catch (err) {
    button.disabled = false;
    hooks.onError(err);
  }
}

function resultNode() {
  const box = el('div', { attrs: { id: 'indicator-result', 'aria-live': 'polite' } });
  if (!lastResult) return box;
  if (lastResult.kind === 'imported') {
    const c = lastResult.counts;
    box.className = 'import-result ok';
    box.append(el('p', { text: t('indicators.imported', { rows: c.rows, added: c.new, replaced: c.replaced, unchanged: c.unchanged }) }));
    if (c.renamed) box.append(el('p', { text: t('indicators.renamed', { n: c.renamed }) }));
    return box;
  }
  box.className = 'import-result error';
  box.append(el('p', { text: t('indicators.rejected') }));
  if (!lastResult.issues.length) {
    box.append(el('p', { text: lastResult.message }));
    return box;
  }
  const body = el('tbody');
  for (const issue of lastResult.issues)
    body.append(el('tr', { attrs: { 'data-line': String(issue.line) } }, [el('td', { text: issue.line }), el('td', { text: issue.message })]));
  const head = el('tr', {}, [el('th', { text: t('indicators.line') }), el('th', { text: t('indicators.reason') })]);
  box.append(stackTable(el('table', { className: 'data rejected-rows' }, [el('thead', {}, [head]), body])));
  return box;
}

function importCard() {
  const input = el('input', { attrs: { type: 'file', id: 'indicator-file', accept: '.csv,text/csv' } });
  const button = el('button', { text: t('indicators.upload'), attrs: { type: 'button', id: 'indicator-upload' } });
  button.addEventListener('click', () => upload(input, button));
  return el('section', { className: 'card' }, [
    el('h2', { text: t('indicators.heading') }),
    el('p', { className: 'note', text: t('indicators.format') }),
    el('div', { className: 'filters' }, [el('label', {}, [el('span', { text: t('indicators.file') }), input]), button]),
    resultNode(),
  ]);
}

function listCard() {
  const card = el('section', { className: 'card' }, [el('h2', { text: t('indicators.stored') })]);
  if (!figures.length) {
    card.append(el('p', { className: 'note', text: t('indicators.none') }));
    return card;
  }
  const keys = ['indicators.indicator', 'indicators.area', 'indicators.period', 'indicators.value', 'indicators.source', 'indicators.actions'];
  const head = el('tr', {}, keys.map((k) => el('th', { text: t(k) })));
  const body = el('tbody');
  for (const f of figures) {
    const del = el('button', { text: t('indicators.delete'), attrs: { type: 'button', class: 'delete-indicator' } });
    del.addEventListener('click', () => remove(f, del));
    body.append(
      el('tr', { attrs: { 'data-figure': `${f.indicator}@${f.area}@${f.period}` } }, [
        el('th', { attrs: { scope: 'row' } }, [
          el('span', { className: 'indicator-name', text: indicatorName(f) }),
          indicatorName(f) === f.indicator ? null : el('span', { className: 'note indicator-id', text: ` (${f.indicator})` }),
        ]),
        el('td', { text: t(`area.${f.area}`) }),
        el('td', { text: f.period }),
        el('td', { text: number(f.value, Number.isInteger(f.value) ? 0 : 1) }),
        el('td', { text: f.source }),
        el('td', {}, [del]),
      ]),
    );
  }
  card.append(stackTable(el('table', { className: 'data', attrs: { id: 'indicator-table' } }, [el('thead', {}, [head]), body])));
  return card;
}

function render() {
  const root = view();
  const restoreFocus = keepFocus(root);
  clear(root);
  root.append(importCard(), listCard());
  restoreFocus();
  root.dataset.loaded = 'true';
}

// Wires the view to the dashboard: loads when shown, redraws on a language switch.
export function initIndicators({ setStatus, onError }) {
  hooks = { setStatus, onError };
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'indicators-view') load().catch((err) => hooks.onError(err));
  });
  document.addEventListener('td:language', () => {
    if (!view().hidden && view().dataset.loaded) render();
  });
}

