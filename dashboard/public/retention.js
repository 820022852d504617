// The dashboard's "Lagring och gallring" view: every campaign's retention dates (kept until,
// editable, the defaults marked), what is stored and what is due, and the purge of a closed
// campaign — its free text now, or what its dates say is due — after a confirmation dialog
// that names what goes and that it cannot be undone (docs/retention.md).

import { ApiError, getJson, sendJson } from './api.js';
import { openModal } from './confirm-dialog.js';
import { clear, el, keepFocus } from './dom.js';
import { localized, number, t } from './i18n.js';

let hooks = { setStatus: () => {}, onError: () => {} };
let state = null; // GET /api/v1/retention

const view = () => document.getElementById('retention-view');
const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function load() {
  state = await getJson('/api/v1/retention');
  render();
}

function dateInput(name, value, isSet, label) {
  // Text, not type=date: the browser's locale would show mm/dd/yyyy; dates here are åååå-mm-dd.
  const input = el('input', {
    attrs: {
      name, value, 'aria-label': label, inputmode: 'numeric', pattern: '\\d{4}-\\d{2}-\\d{2}',
      placeholder: t('retention.datePlaceholder'), size: '11', autocomplete: 'off',
    },
  });
  const hint = el('span', { className: 'note', text: isSet ? '' : t('retention.default') });
  return el('div', { className: 'date-field' }, [input, hint]);
}

async function saveDates(row, c, button) {
  const freeText = row.querySelector('input[name=free_text_until]').value.trim();
  const responses = row.querySelector('input[name=responses_until]').value.trim();
  if (!DATE.test(freeText) || !DATE.test(responses)) {
    hooks.setStatus('retention.badDate', {}, true);
    return;
  }
  button.disabled = true;
  try {
    const campaign = await getJson(`/api/v1/campaigns/${encodeURIComponent(c.id)}`);
    campaign.retain_free_text_until = freeText;
    campaign.retain_responses_until = responses;
    await sendJson('PUT', `/api/v1/campaigns/${encodeURIComponent(c.id)}`, campaign);
    hooks.setStatus('retention.saved', { campaign: localized(c.name) });
    await load();
  } catch (err) {
    button.disabled = false;
    if (err instanceof ApiError && err.status === 422) {
      const code = err.issues?.[0]?.code;
      const known = ['retention_before_period_end', 'retention_reversed', 'invalid_date'];
      hooks.setStatus('retention.refused', { message: known.includes(code) ? t(`retention.issue.${code}`) : err.message }, true);
    }
    else hooks.onError(err);
  }
}

// The confirmation: what goes, that it cannot be undone, and an explicit tick before the
// button that purges is enabled.
function confirmPurge(c, scope) {
  return new Promise((resolve) => {
    const what = scope === 'free_text_now'
      ? t('retention.confirmFreeText', { count: number(c.free_text_remaining) })
      : t('retention.confirmDue', {
        freeText: number(c.free_text_due ? c.free_text_remaining : 0),
        responses: number(c.responses_due ? c.responses : 0),
      });
    const tick = el('input', { attrs: { type: 'checkbox', id: 'purge-understood' } });
    const go = el('button', { text: t('retention.confirmButton'), attrs: { type: 'button', id: 'purge-confirm', disabled: '' } });
    const cancel = el('button', { className: 'secondary', text: t('retention.cancel'), attrs: { type: 'button', id: 'purge-cancel' } });
    const dialog = el('dialog', { attrs: { id: 'purge-dialog', 'aria-labelledby': 'purge-title' } }, [
      el('h2', { text: t('retention.confirmTitle', { campaign: localized(c.name) }), attrs: { id: 'purge-title' } }),
      el('p', { text: what }),
      el('p', { text: t('retention.irreversible') }),
      el('label', { className: 'tick' }, [tick, el('span', { text: t('retention.understood') })]),
      el('div', { className: 'dialog-actions' }, [cancel, go]),
    ]);
    tick.addEventListener('change', () => { go.disabled = !tick.checked; });
    const close = (answer) => { closeModal(); resolve(answer); };
    const closeModal = openModal(dialog, cancel, () => close(false));
    go.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
  });
}

async function purge(c, scope, button) {
  if (!(await confirmPurge(c, scope))) return;
  button.disabled = true;
  try {
    const report = await sendJson('POST', `/api/v1/campaigns/${encodeURIComponent(c.id)}/purge`, { scope, confirm: c.id });
    hooks.setStatus('retention.purged', {
      campaign: localized(c.name), freeText: number(report.free_text_emptied), responses: number(report.responses_removed),
    });
    await load();
  } catch (err) {
    button.disabled = false;
    hooks.onError(err);
  }
}

function stateText(c) {
  const parts = [];
  if (c.aggregated) parts.push(t('retention.aggregated'));
  parts.push(t('retention.stored', { responses: number(c.responses), freeText: number(c.free_text_remaining) }));
  return parts.join(' ');
}

function dueBadges(c) {
  const box = el('div', { className: 'badges' });
  if (c.free_text_due) box.append(el('span', { className: 'badge due', text: t('retention.freeTextDue') }));
  if (c.responses_due) box.append(el('span', { className: 'badge due', text: t('retention.responsesDue') }));
  if (!c.free_text_due && !c.responses_due) box.append(el('span', { className: 'badge', text: t('retention.nothingDue') }));
  return box;
}

function campaignRow(c) {
  const name = localized(c.name);
  const save = el('button', { text: t('retention.save'), attrs: { type: 'button', class: 'save-dates' } });
  const freeNow = el('button', { text: t('retention.purgeFreeText'), attrs: { type: 'button', class: 'purge-free-text' } });
  const due = el('button', { text: t('retention.purgeDue'), attrs: { type: 'button', class: 'purge-due' } });
  const closed = c.status === 'closed';
  freeNow.disabled = !closed || c.free_text_remaining === 0;
  due.disabled = !closed || !(c.free_text_due || c.responses_due);
  const row = el('tr', { attrs: { 'data-campaign': c.id } }, [
    el('th', { attrs: { scope: 'row' } }, [
      el('div', { text: name }),
      el('div', { className: 'note', text: t(`retention.status.${c.status}`) }),
    ]),
    el('td', { text: c.period_end, attrs: { 'data-label': t('retention.periodEnd') } }),
    el('td', { attrs: { 'data-label': t('retention.freeTextUntil') } }, [dateInput('free_text_until', c.free_text_until, c.free_text_until_set, t('retention.freeTextUntilFor', { campaign: name }))]),
    el('td', { attrs: { 'data-label': t('retention.responsesUntil') } }, [dateInput('responses_until', c.responses_until, c.responses_until_set, t('retention.responsesUntilFor', { campaign: name }))]),
    el('td', { attrs: { 'data-label': t('retention.state') } }, [el('div', { text: stateText(c) }), dueBadges(c)]),
    el('td', { className: 'actions' }, [save, freeNow, due]),
  ]);
  save.setAttribute('aria-label', t('retention.saveFor', { campaign: name }));
  freeNow.setAttribute('aria-label', t('retention.purgeFreeTextFor', { campaign: name }));
  due.setAttribute('aria-label', t('retention.purgeDueFor', { campaign: name }));
  save.addEventListener('click', () => saveDates(row, c, save));
  freeNow.addEventListener('click', () => purge(c, 'free_text_now', freeNow));
  due.addEventListener('click', () => purge(c, 'due', due));
  return row;
}

function render() {
  const root = view();
  const restoreFocus = keepFocus(root);
  clear(root);
  const keys = ['retention.campaign', 'retention.periodEnd', 'retention.freeTextUntil', 'retention.responsesUntil', 'retention.state', 'retention.actions'];
  const body = el('tbody');
  for (const c of state.campaigns) body.append(campaignRow(c));
  root.append(
    el('section', { className: 'card' }, [
      el('h2', { text: t('retention.heading') }),
      el('p', { className: 'note', text: t('retention.intro', { today: state.today }) }),
      el('div', { className: 'table-scroll' }, [
        el('table', { className: 'data', attrs: { id: 'retention-table' } }, [
          el('thead', {}, [el('tr', {}, keys.map((k) => el('th', { text: t(k), attrs: { scope: 'col' } })))]),
          body,
        ]),
      ]),
    ]),
  );
  restoreFocus();
  root.dataset.loaded = 'true';
}

// Wires the view to the dashboard: loads when shown, redraws on a language switch.
export function initRetention({ setStatus, onError }) {
  hooks = { setStatus, onError };
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'retention-view') load().catch((err) => hooks.onError(err));
  });
  document.addEventListener('td:language', () => {
    if (!view().hidden && state) render();
  });
}
