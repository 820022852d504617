// The dashboard's "Undersökningsomgångar" view: a new campaign from a published survey
// version with its period and channels; every campaign with its state, resident link and code;
// closing (no new residents, queued responses taken for a grace period), closing for good and
// opening again, each after a confirmation; the poster; and a running campaign's responses per
// channel and per day.

import { ApiError, getJson, sendJson } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { clear, el, keepFocus } from './dom.js';
import { localized, number, t } from './i18n.js';

const CHANNELS = ['survey', 'dialogue', 'kiosk', 'web'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_GRACE_DAYS = 14;

let hooks = { setStatus: () => {}, onError: () => {} };
let campaigns = [];
let surveys = [];
let selected = null; // the campaign whose responses are shown
let counts = null;
let formError = '';

const view = () => document.getElementById('campaigns-view');
const path = (id, tail = '') => `/api/v1/campaigns/${encodeURIComponent(id)}${tail}`;

async function loadCounts() {
  counts = selected ? await getJson(path(selected, '/counts')) : null;
}

async function load() {
  const [c, s] = await Promise.all([getJson('/api/v1/campaigns'), getJson('/api/v1/surveys')]);
  campaigns = c.campaigns.sort((a, b) => b.period_start.localeCompare(a.period_start) || a.id.localeCompare(b.id));
  surveys = s.surveys;
  if (selected && !campaigns.some((x) => x.id === selected)) selected = null;
  await loadCounts();
  render();
}

// A record id from the Swedish name: ASCII letters, digits and underscores, unique.
function newId(name, year) {
  const base = `${name} ${year}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 48) || 'campaign';
  let id = base;
  for (let n = 2; campaigns.some((c) => c.id === id); ++n) id = `${base}_${n}`;
  return id;
}

const fieldLabels = () => ({
  name: t('campaigns.nameSv'), period_start: t('campaigns.start'), period_end: t('campaigns.end'),
  year: t('campaigns.start'), channels: t('campaigns.channels'), public_code: t('campaigns.code'),
  survey_id: t('campaigns.survey'), survey_version: t('campaigns.survey'),
});

function issueText(err) {
  const issue = err.issues?.[0];
  // Errors without issues name their field by their code.
  const field = issue ? (issue.path || '').split(/[./[]/)[0] : { code_taken: 'public_code', unknown_survey: 'survey_id' }[err.code];
  const label = fieldLabels()[field];
  const known = ['period_reversed', 'invalid_public_code', 'too_few_choices', 'code_taken', 'invalid_date', 'unknown_survey'];
  const code = issue?.code || err.code;
  const message = known.includes(code) ? t(`campaigns.issue.${code}`) : (issue?.message || err.message);
  return label ? t('campaigns.issueAt', { field: label, message }) : message;
}

async function create(form) {
  const data = new FormData(form);
  const nameSv = String(data.get('name_sv') || '').trim();
  const nameEn = String(data.get('name_en') || '').trim();
  const start = String(data.get('period_start') || '').trim();
  const end = String(data.get('period_end') || '').trim();
  const [surveyId, version] = String(data.get('survey') || '').split('@');
  const channels = CHANNELS.filter((ch) => data.get(`channel_${ch}`));
  const code = String(data.get('public_code') || '').trim().toUpperCase();
  formError = '';
  if (!nameSv) formError = t('campaigns.issueAt', { field: t('campaigns.nameSv'), message: t('campaigns.required') });
  else if (!surveyId) formError = t('campaigns.noSurvey');
  else if (!DATE.test(start) || !DATE.test(end)) formError = t('campaigns.badDate');
  else if (!channels.length) formError = t('campaigns.issueAt', { field: t('campaigns.channels'), message: t('campaigns.issue.too_few_choices') });
  else if (channels.includes('web') && !code) formError = t('campaigns.issueAt', { field: t('campaigns.code'), message: t('campaigns.webNeedsCode') });
  if (formError) { renderFormError(); return; }
  const campaign = {
    id: newId(nameSv, start.slice(0, 4)),
    name: { sv: nameSv, en: nameEn || nameSv }, // the English name falls back to the Swedish
    survey_id: surveyId, survey_version: Number(version), year: Number(start.slice(0, 4)),
    period_start: start, period_end: end, channels, public_code: code, status: 'open',
  };
  try {
    await sendJson('POST', '/api/v1/campaigns', campaign);
    selected = campaign.id;
    await load();
    hooks.setStatus('campaigns.created', { campaign: nameSv });
    // The form was drawn anew: focus goes to the new campaign, its link and actions next.
    document.querySelector(`tr[data-campaign="${CSS.escape(campaign.id)}"] th`)?.focus();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 422 || err.status === 409)) {
      formError = issueText(err);
      renderFormError();
    } else hooks.onError(err);
  }
}

function renderFormError() {
  const box = document.getElementById('campaign-form-error');
  if (!box) return;
  box.textContent = formError;
  box.hidden = !formError;
}

function textField(name, label, attrs = {}) {
  return el('label', {}, [el('span', { text: label }), el('input', { attrs: { name, autocomplete: 'off', ...attrs } })]);
}

function dateField(name, label) {
  // Text, not type=date: the browser's locale would show mm/dd/yyyy; dates here are åååå-mm-dd.
  return textField(name, label, {
    inputmode: 'numeric', pattern: '\\d{4}-\\d{2}-\\d{2}', placeholder: t('retention.datePlaceholder'), size: '11',
    'aria-describedby': 'campaign-date-hint',
  });
}

function createForm() {
  const survey = el('select', { attrs: { name: 'survey', required: '' } });
  for (const s of surveys)
    for (const v of s.published_versions || [])
      survey.append(new Option(t('campaigns.surveyVersion', { title: localized(s.title), version: v }), `${s.id}@${v}`));
  const channels = el('fieldset', { className: 'channels' }, [
    el('legend', { text: t('campaigns.channels') }),
    ...CHANNELS.map((ch) => el('label', { className: 'tick' }, [
      el('input', { attrs: { type: 'checkbox', name: `channel_${ch}`, ...(ch === 'survey' || ch === 'web' ? { checked: '' } : {}) } }),
      el('span', { text: t(`campaigns.channel.${ch}`) }),
    ])),
  ]);
  const form = el('form', { className: 'campaign-form', attrs: { id: 'campaign-form', novalidate: '' } }, [
    textField('name_sv', t('campaigns.nameSv'), { required: '' }),
    textField('name_en', t('campaigns.nameEn')),
    el('label', {}, [el('span', { text: t('campaigns.survey') }), survey]),
    dateField('period_start', t('campaigns.start')),
    dateField('period_end', t('campaigns.end')),
    textField('public_code', t('campaigns.code'), { 'aria-describedby': 'campaign-code-hint', maxlength: '32' }),
    channels,
    el('p', { className: 'note', text: t('campaigns.dateHint'), attrs: { id: 'campaign-date-hint' } }),
    el('p', { className: 'note', text: t('campaigns.codeHint'), attrs: { id: 'campaign-code-hint' } }),
    el('p', { className: 'error', attrs: { id: 'campaign-form-error', role: 'alert', hidden: '' } }),
    el('div', {}, [el('button', { text: t('campaigns.create'), attrs: { type: 'submit' } })]),
  ]);
  form.addEventListener('submit', (event) => { event.preventDefault(); create(form); });
  return el('section', { className: 'card' }, [el('h2', { text: t('campaigns.newHeading') }), form]);
}

async function setState(c, action, body) {
  try {
    await sendJson('POST', path(c.id, `/${action}`), body ?? {});
    await load();
    hooks.setStatus(`campaigns.done.${action}`, { campaign: localized(c.name) });
  } catch (err) {
    hooks.onError(err);
  }
}

async function beginClosing(c) {
  const days = el('input', { attrs: { type: 'number', id: 'grace-days', min: '0', max: '90', value: String(DEFAULT_GRACE_DAYS), inputmode: 'numeric' } });
  const ok = await confirmDialog({
    id: 'closing-dialog',
    title: t('campaigns.closingTitle', { campaign: localized(c.name) }),
    paragraphs: [t('campaigns.closingText')],
    fields: [el('label', {}, [el('span', { text: t('campaigns.graceDays') }), days])],
    confirmLabel: t('campaigns.closingConfirm'), cancelLabel: t('campaigns.cancel'),
  });
  if (!ok) return;
  const grace = Number(days.value);
  if (!Number.isInteger(grace) || grace < 0 || grace > 90) {
    hooks.setStatus('campaigns.badGrace', {}, true);
    return;
  }
  await setState(c, 'closing', { grace_days: grace });
}

async function closeNow(c) {
  const ok = await confirmDialog({
    id: 'close-dialog',
    title: t('campaigns.closeTitle', { campaign: localized(c.name) }),
    paragraphs: [t('campaigns.closeText')],
    confirmLabel: t('campaigns.closeConfirm'), cancelLabel: t('campaigns.cancel'),
  });
  if (ok) await setState(c, 'close');
}

function stateText(c) {
  if (c.status === 'closing') return t('campaigns.state.closingUntil', { date: c.accept_queued_until });
  return t(`campaigns.state.${c.status}`);
}

function linkCell(c) {
  if (!c.public_code) return el('span', { className: 'note', text: t('campaigns.noCode') });
  const box = el('div', {}, [el('div', { text: t('campaigns.codeIs', { code: c.public_code }) })]);
  if ((c.channels || []).includes('web')) {
    const href = `${location.origin}/s/${encodeURIComponent(c.public_code)}`;
    box.append(el('a', { className: 'resident-link', text: href, attrs: { href, target: '_blank', rel: 'noopener' } }));
  }
  return box;
}

function actionButton(label, className, name, onClick) {
  const b = el('button', { className, text: label, attrs: { type: 'button', 'aria-label': `${label}: ${name}` } });
  b.addEventListener('click', onClick);
  return b;
}

function campaignRow(c) {
  const name = localized(c.name);
  const actions = [
    actionButton(t('campaigns.showCounts'), 'secondary show-counts', name, async () => {
      selected = c.id;
      try { await loadCounts(); render(); document.getElementById('counts-heading')?.focus(); } catch (err) { hooks.onError(err); }
    }),
  ];
  if ((c.channels || []).includes('web') && c.public_code)
    actions.push(actionButton(t('campaigns.poster'), 'secondary poster', name, () => window.open(`/poster.html?campaign=${encodeURIComponent(c.id)}`, '_blank')));
  if (c.status === 'open') actions.push(actionButton(t('campaigns.beginClosing'), 'begin-closing', name, () => beginClosing(c)));
  if (c.status !== 'closed') actions.push(actionButton(t('campaigns.closeNow'), 'close-now', name, () => closeNow(c)));
  if (c.status !== 'open') actions.push(actionButton(t('campaigns.reopen'), 'secondary reopen', name, () => setState(c, 'open')));
  return el('tr', { attrs: { 'data-campaign': c.id } }, [
    el('th', { attrs: { scope: 'row', tabindex: '-1' } }, [el('div', { text: name }), el('span', { className: `badge state-${c.status}`, text: stateText(c) })]),
    el('td', { text: `${c.period_start} – ${c.period_end}`, attrs: { 'data-label': t('campaigns.period') } }),
    el('td', { text: (c.channels || []).map((ch) => t(`campaigns.channel.${ch}`)).join(', '), attrs: { 'data-label': t('campaigns.channels') } }),
    el('td', { attrs: { 'data-label': t('campaigns.link') } }, [linkCell(c)]),
    el('td', { className: 'actions' }, actions),
  ]);
}

function countsSection() {
  const c = campaigns.find((x) => x.id === selected);
  if (!c || !counts) return null;
  const channels = Object.keys(counts.channels);
  const channelRows = channels.map((ch) => el('tr', {}, [
    el('th', { text: t(`campaigns.channel.${ch}`), attrs: { scope: 'row' } }),
    el('td', { className: 'num', text: number(counts.channels[ch]) }),
  ]));
  channelRows.push(el('tr', { className: 'total' }, [
    el('th', { text: t('campaigns.total'), attrs: { scope: 'row' } }), el('td', { className: 'num', text: number(counts.total) }),
  ]));
  const dayRows = counts.days.slice().reverse().map((d) => el('tr', {}, [
    el('th', { text: d.date, attrs: { scope: 'row' } }),
    ...channels.map((ch) => el('td', { className: 'num', text: number(d.channels[ch] || 0), attrs: { 'data-label': t(`campaigns.channel.${ch}`) } })),
    el('td', { className: 'num', text: number(d.total), attrs: { 'data-label': t('campaigns.total') } }),
  ]));
  const refresh = actionButton(t('campaigns.refresh'), 'secondary refresh-counts', localized(c.name), async () => {
    try { await loadCounts(); render(); } catch (err) { hooks.onError(err); }
  });
  return el('section', { className: 'card', attrs: { id: 'campaign-counts', 'aria-labelledby': 'counts-heading' } }, [
    el('h2', { text: t('campaigns.countsHeading', { campaign: localized(c.name) }), attrs: { id: 'counts-heading', tabindex: '-1' } }),
    el('p', { className: 'note', text: t('campaigns.countsNote', { state: stateText(c), today: counts.today }) }),
    el('div', { className: 'counts-grid' }, [
      el('table', { className: 'data compact-counts', attrs: { id: 'counts-by-channel' } }, [
        el('caption', { text: t('campaigns.byChannel') }),
        el('thead', {}, [el('tr', {}, [el('th', { text: t('campaigns.channel'), attrs: { scope: 'col' } }), el('th', { text: t('campaigns.responses'), attrs: { scope: 'col' } })])]),
        el('tbody', {}, channelRows),
      ]),
      el('div', { className: 'table-scroll' }, [
        el('table', { className: 'data compact-counts', attrs: { id: 'counts-by-day' } }, [
          el('caption', { text: t('campaigns.byDay') }),
          el('thead', {}, [el('tr', {}, [
            el('th', { text: t('campaigns.day'), attrs: { scope: 'col' } }),
            ...channels.map((ch) => el('th', { text: t(`campaigns.channel.${ch}`), attrs: { scope: 'col' } })),
            el('th', { text: t('campaigns.total'), attrs: { scope: 'col' } }),
          ])]),
          el('tbody', {}, dayRows.length ? dayRows : [el('tr', {}, [el('td', { text: t('campaigns.noResponses'), attrs: { colspan: String(channels.length + 2) } })])]),
        ]),
      ]),
    ]),
    el('div', {}, [refresh]),
  ]);
}

function render() {
  const root = view();
  const restoreFocus = keepFocus(root);
  clear(root);
  const keys = ['campaigns.campaign', 'campaigns.period', 'campaigns.channels', 'campaigns.link', 'campaigns.actions'];
  root.append(
    createForm(),
    el('section', { className: 'card' }, [
      el('h2', { text: t('campaigns.heading') }),
      el('p', { className: 'note', text: t('campaigns.intro') }),
      el('div', { className: 'table-scroll' }, [
        el('table', { className: 'data stack', attrs: { id: 'campaigns-table' } }, [
          el('thead', {}, [el('tr', {}, keys.map((k) => el('th', { text: t(k), attrs: { scope: 'col' } })))]),
          el('tbody', {}, campaigns.map(campaignRow)),
        ]),
      ]),
    ]),
  );
  const countsCard = countsSection();
  if (countsCard) root.append(countsCard);
  renderFormError();
  restoreFocus();
  root.dataset.loaded = 'true';
}

// Wires the view to the dashboard: loads when shown, redraws on a language switch.
export function initCampaigns({ setStatus, onError }) {
  hooks = { setStatus, onError };
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'campaigns-view') load().catch((err) => hooks.onError(err));
  });
  document.addEventListener('td:language', () => {
    if (!view().hidden && surveys) render();
  });
}
