// The dashboard's "Åtgärder" view: measures listed and filtered by status, each row editable
// (responsible party, priority, deadline, status — a reason when rejecting). A save sends only
// the changed fields with the version the row shows (base_rev), so the server merges it per
// field with what devices changed meanwhile; a field two parties changed is flagged, with the
// value that was overwritten.

import { getJson, sendJson } from './api.js';
import { clear, el, keepFocus, stackTable } from './dom.js';
import { t } from './i18n.js';
import { reportLink } from './walks.js';

const STATUSES = ['proposed', 'decided', 'in_progress', 'done', 'rejected'];
const NEXT = { proposed: ['decided'], decided: ['in_progress'], in_progress: ['done'], done: [], rejected: [] };
const PARTIES = ['kommun', 'polis', 'fastighetsagare', 'trafikverket', 'other'];
const PRIORITIES = ['low', 'medium', 'high'];

let hooks = { setStatus: () => {}, onError: () => {} };
let items = [];
let filter = '';

const view = () => document.getElementById('measures-view');

function select(name, values, current, label) {
  const s = el('select', { attrs: { name, 'aria-label': label } });
  for (const [value, text] of values) s.append(new Option(text, value));
  s.value = current;
  return s;
}

function valueText(field, value) {
  if (value === null || value === undefined) return t('measures.absent');
  if (field === 'status') return t(`measureStatus.${value}`);
  if (field === 'responsible_party') return t(`party.${value}`);
  if (field === 'priority') return t(`priority.${value}`);
  if (field === 'focus_area') return t(`area.${value}`);
  return String(value);
}

// "Konflikt: status – överskrivet: Klar (server)" for each field in conflict.
function conflictNode(item) {
  if (!item.conflict) return null;
  const box = el('div', { className: 'conflict', attrs: { role: 'note' } });
  for (const c of item.conflicts)
    box.append(
      el('div', {
        text: t('measures.conflictField', {
          field: t(`measures.field.${c.field}`),
          value: valueText(c.field, c.value),
          rival: valueText(c.field, c.rival_value),
          who: c.rival_node,
        }),
      }),
    );
  return box;
}

async function save(item, row) {
  const m = item.measure;
  const form = Object.fromEntries([...row.querySelectorAll('select, input')].map((i) => [i.name, i.value]));
  const patch = { base_rev: item.rev };
  if (form.responsible_party !== m.responsible_party) patch.responsible_party = form.responsible_party;
  if (form.priority !== m.priority) patch.priority = form.priority;
  if ((form.deadline || null) !== (m.deadline || null)) patch.deadline = form.deadline || null;
  if (form.status !== m.status) patch.status = form.status;
  if (form.status === 'rejected' && form.rejection_reason !== (m.rejection_reason || '')) patch.rejection_reason = form.rejection_reason;
  if (Object.keys(patch).length === 1) {
    hooks.setStatus('measures.unchanged');
    return;
  }
  try {
    const saved = await sendJson('PATCH', `/api/v1/measures/${encodeURIComponent(m.id)}`, patch);
    items = items.map((i) => (i.measure.id === m.id ? saved : i));
    render();
    hooks.setStatus('measures.saved', { title: saved.measure.title });
  } catch (err) {
    hooks.onError(err);
  }
}

function rowFor(item) {
  const m = item.measure;
  const statusChoices = [m.status, ...NEXT[m.status], ...(m.status === 'rejected' ? [] : ['rejected'])];
  const status = select('status', [...new Set(statusChoices)].map((s) => [s, t(`measureStatus.${s}`)]), m.status, t('measures.status'));
  const reason = el('input', {
    attrs: { name: 'rejection_reason', 'aria-label': t('measures.reason'), placeholder: t('measures.reason'), maxlength: '1000' },
  });
  reason.value = m.rejection_reason || '';
  const reasonBox = el('div', { className: 'reason' }, [reason]);
  reasonBox.hidden = status.value !== 'rejected';
  status.addEventListener('change', () => {
    reasonBox.hidden = status.value !== 'rejected';
  });
  // Text, not type=date: the browser's locale would show mm/dd/yyyy; dates here are åååå-mm-dd.
  const deadline = el('input', {
    attrs: {
      name: 'deadline', 'aria-label': t('measures.deadline'), inputmode: 'numeric', pattern: '\\d{4}-\\d{2}-\\d{2}',
      placeholder: t('retention.datePlaceholder'), size: '11', autocomplete: 'off',
    },
  });
  deadline.value = m.deadline || '';
  const saveButton = el('button', { className: 'save', text: t('measures.save'), attrs: { type: 'button', 'aria-label': `${t('measures.save')}: ${m.title}` } });
  const row = el('tr', { attrs: { 'data-measure': m.id }, className: item.conflict ? 'has-conflict' : '' }, [
    el('td', {}, [
      el('strong', { className: 'resident-text', text: m.title }),
      el('div', { className: 'note resident-text', text: m.description || '' }),
      m.walk_id ? reportLink(m.walk_id, t('measures.walkReport')) : null,
    ]),
    el('td', {}, [select('responsible_party', PARTIES.map((p) => [p, t(`party.${p}`)]), m.responsible_party, t('measures.responsible'))]),
    el('td', {}, [select('priority', PRIORITIES.map((p) => [p, t(`priority.${p}`)]), m.priority, t('measures.priority'))]),
    el('td', {}, [deadline]),
    el('td', {}, [status, reasonBox]),
    el('td', {}, [conflictNode(item)]),
    el('td', {}, [saveButton]),
  ]);
  saveButton.addEventListener('click', () => save(item, row));
  return row;
}

function render() {
  const root = view();
  if (root.hidden) return;
  const restoreFocus = keepFocus(root);
  if (!root.firstChild) {
    const filterSelect = el('select', { attrs: { id: 'measure-filter' } });
    filterSelect.addEventListener('change', () => {
      filter = filterSelect.value;
      render();
    });
    root.append(
      el('section', { className: 'card' }, [
        el('h2', { attrs: { id: 'measures-heading' } }),
        el('div', { className: 'filters' }, [el('label', {}, [el('span', { attrs: { id: 'measure-filter-label' } }), filterSelect])]),
        el('table', { className: 'data measures', attrs: { id: 'measure-table' } }),
      ]),
    );
  }
  document.getElementById('measures-heading').textContent = t('measures.heading');
  document.getElementById('measure-filter-label').textContent = t('measures.filter');
  const filterSelect = document.getElementById('measure-filter');
  clear(filterSelect);
  filterSelect.append(new Option(t('measures.all'), ''));
  for (const s of STATUSES) filterSelect.append(new Option(t(`measureStatus.${s}`), s));
  filterSelect.value = filter;

  const table = document.getElementById('measure-table');
  clear(table);
  const headings = ['measures.title', 'measures.responsible', 'measures.priority', 'measures.deadline', 'measures.status', 'measures.conflict', ''];
  table.append(el('thead', {}, [el('tr', {}, headings.map((k) => el('th', { text: k ? t(k) : '' })))]));
  const body = el('tbody');
  for (const item of items) if (!filter || item.measure.status === filter) body.append(rowFor(item));
  if (!body.firstChild) body.append(el('tr', {}, [el('td', { text: t('measures.none'), attrs: { colspan: '7' } })]));
  table.append(body);
  stackTable(table);
  restoreFocus();
  root.dataset.loaded = 'true';
}

async function load() {
  try {
    hooks.setStatus('measures.loading');
    items = (await getJson('/api/v1/measures')).measures;
    render();
    hooks.setStatus('measures.loaded', { n: items.length });
  } catch (err) {
    hooks.onError(err);
  }
}

export function initMeasures(options) {
  hooks = { ...hooks, ...options };
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'measures-view') load();
  });
  document.addEventListener('td:language', render);
}
