// The dashboard's "Medborgarlöften" view: the agreement, each promise with its activities
// (status editable), its indicators against the baseline for a chosen year, the measures from
// safety walks and the coordinators' written assessment; links to the follow-up report and CSV.

import { ApiError, download, getJson, sendJson } from './api.js';
import { clear, el, keepFocus, stackTable } from './dom.js';
import { indicatorName, language, localized, number, percent, pValue, t } from './i18n.js';
import {
  ACTIVITY_STATUSES,
  activityCounts,
  agreementList,
  dateText,
  differenceText,
  figureNode,
  followUpYears,
  onTrackText,
  organisationText,
  periodText,
  progressText,
  significanceText,
  sortPromises,
  statusText,
  targetText,
  whoText,
} from './promise-common.js';

const MAX_ASSESSMENT = 4000;

let hooks = { setStatus: () => {}, onError: () => {} };
let agreement = null;
let promises = [];
let followUp = null;
let year = null;
let loading = null;
let campaignNames = new Map();
// Per load: the picture of each campaign a motivation names, and the imported figures.
let pictures = new Map();
let imported = null;

const view = () => document.getElementById('promises-view');

async function fetchAgreement() {
  try {
    return await getJson('/api/v1/agreement');
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

async function fetchFollowUp(chosen) {
  const query = chosen ? `?year=${encodeURIComponent(chosen)}` : '';
  return getJson(`/api/v1/follow-up${query}`);
}

async function load() {
  hooks.setStatus('promises.loading');
  const [a, list, campaigns] = await Promise.all([fetchAgreement(), getJson('/api/v1/promises'), getJson('/api/v1/campaigns')]);
  agreement = a;
  campaignNames = new Map(campaigns.campaigns.map((c) => [c.id, c.name]));
  pictures = new Map();
  imported = null;
  promises = sortPromises(list.promises);
  try {
    followUp = await fetchFollowUp(year);
    year = followUp.year;
  } catch (err) {
    followUp = null;
    if (!year) year = followUpYears(agreement, promises)[0];
    hooks.onError(err);
    render();
    return;
  }
  render();
  hooks.setStatus('promises.loaded', { year });
}

function reload() {
  if (!loading) loading = load().catch((err) => hooks.onError(err)).finally(() => (loading = null));
  return loading;
}

function entryOf(promiseId) {
  return followUp?.promises.find((e) => e.promise.id === promiseId) || null;
}

function agreementCard() {
  const card = el('section', { className: 'card', attrs: { id: 'agreement' } }, [el('h2', { text: t('agreement.heading') })]);
  if (agreement) card.append(agreementList(agreement));
  else card.append(el('p', { className: 'note', text: t('agreement.missing') }));
  return card;
}

function followUpControls() {
  const select = el('select', { attrs: { id: 'follow-up-year' } });
  for (const y of followUpYears(agreement, promises)) select.append(new Option(String(y), String(y)));
  if (year) select.value = String(year);
  select.addEventListener('change', () => {
    year = Number(select.value);
    reload();
  });
  const report = el('button', { text: t('followup.openReport'), attrs: { type: 'button', id: 'open-follow-up' } });
  report.addEventListener('click', () => window.open(`/follow-up?year=${year}&lang=${language()}`, '_blank'));
  const csv = el('button', { text: t('followup.csv'), attrs: { type: 'button', id: 'export-follow-up' } });
  csv.addEventListener('click', async () => {
    try {
      const name = await download(`/api/v1/export/follow-up.csv?year=${year}`, `follow-up-${year}.csv`);
      hooks.setStatus('status.downloaded', { file: name });
    } catch (err) {
      hooks.onError(err);
    }
  });
  return el('section', { className: 'card filters' }, [
    el('label', {}, [el('span', { text: t('followup.year') }), select]),
    el('div', { className: 'exports' }, [report, csv]),
  ]);
}

// Saves the promise with one activity's new status; the select returns to the stored value if
// the server refuses.
async function saveStatus(promise, activityId, select) {
  const updated = structuredClone(promise);
  updated.activities.find((a) => a.id === activityId).status = select.value;
  select.disabled = true;
  try {
    const stored = await sendJson('PUT', `/api/v1/promises/${encodeURIComponent(promise.id)}`, updated);
    promises = promises.map((p) => (p.id === stored.id ? stored : p));
    hooks.setStatus('promises.statusSaved', { activity: localized(updated.activities.find((a) => a.id === activityId).what) });
    const counts = document.querySelector(`[data-promise="${CSS.escape(promise.id)}"] .activity-progress`);
    if (counts) counts.textContent = progressText(activityCounts(stored.activities));
  } catch (err) {
    select.value = promise.activities.find((a) => a.id === activityId).status;
    hooks.onError(err);
  } finally {
    select.disabled = false;
  }
}

function activitiesTable(promise) {
  const body = el('tbody');
  for (const activity of promise.activities) {
    const select = el('select', { attrs: { 'aria-label': t('activity.statusOf', { activity: localized(activity.what) }) } });
    for (const s of ACTIVITY_STATUSES) select.append(new Option(statusText(s), s));
    select.value = activity.status;
    select.addEventListener('change', () => saveStatus(promises.find((p) => p.id === promise.id), activity.id, select));
    body.append(
      el('tr', { attrs: { 'data-activity': activity.id } }, [
        el('th', { text: localized(activity.what), attrs: { scope: 'row' } }),
        el('td', { text: whoText(activity) }),
        el('td', { text: activity.when }),
        el('td', {}, [select]),
      ]),
    );
  }
  const head = el('tr', {}, ['activity.what', 'activity.who', 'activity.when', 'activity.status'].map((k) => el('th', { text: t(k) })));
  return stackTable(el('table', { className: 'data activities' }, [el('thead', {}, [head]), body]));
}

function indicatorsTable(entry) {
  const keys = ['indicator.label', 'indicator.target', 'indicator.baseline', 'indicator.current', 'indicator.difference', 'indicator.pValue', 'indicator.pAdjusted', 'indicator.significance', 'indicator.direction'];
  const head = el('tr', {}, keys.map((k) => el('th', { text: t(k, { year }) })));
  const body = el('tbody');
  for (const ind of entry.indicators) {
    body.append(
      el('tr', { attrs: { 'data-indicator': ind.id } }, [
        el('th', { text: localized(ind.label), attrs: { scope: 'row' } }),
        el('td', { text: targetText(ind.target_direction) }),
        el('td', {}, [figureNode(ind.baseline, followUp.k)]),
        el('td', {}, [figureNode(ind.current, followUp.k)]),
        el('td', { text: differenceText(ind) }),
        el('td', { className: 'p-raw', text: pValue(ind.p_value) }),
        el('td', { className: 'p-adjusted', text: pValue(ind.p_adjusted) }),
        el('td', { text: significanceText(ind.significant) }),
        el('td', { text: onTrackText(ind.on_track) }),
      ]),
    );
  }
  return stackTable(el('table', { className: 'data indicators' }, [el('thead', {}, [head]), body]));
}

function measuresList(entry) {
  if (!entry.measures.length) return el('p', { className: 'note', text: t('followup.noMeasures') });
  const list = el('ul', { className: 'measures' });
  for (const m of entry.measures) {
    const details = [t(`followup.measureStatus.${m.status}`), t(`followup.party.${m.responsible_party}`), t(`followup.priority.${m.priority}`)];
    if (m.deadline) details.push(t('followup.deadline', { date: dateText(m.deadline) }));
    list.append(el('li', {}, [el('span', { className: 'measure-title', text: m.title }), el('span', { className: 'note', text: ` — ${details.join(', ')}` })]));
  }
  return list;
}

function assessmentEditor(promise, entry) {
  const id = `assessment-${promise.id}`;
  const area = el('textarea', { attrs: { id, rows: '5', maxlength: String(MAX_ASSESSMENT) } });
  area.value = entry?.assessment?.text || '';
  const saved = el('p', { className: 'note assessment-saved', attrs: { 'aria-live': 'polite' } });
  if (entry?.assessment) saved.textContent = t('assessment.savedAt', { time: dateText(entry.assessment.updated_at) });
  const button = el('button', { text: t('assessment.save'), attrs: { type: 'button', class: 'save-assessment' } });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const stored = await sendJson('PUT', `/api/v1/promises/${encodeURIComponent(promise.id)}/assessments/${year}`, { text: area.value });
      if (entry) entry.assessment = { text: stored.text, updated_at: stored.updated_at };
      saved.textContent = t('assessment.savedAt', { time: dateText(stored.updated_at) });
      hooks.setStatus('assessment.saved', { year });
    } catch (err) {
      hooks.onError(err);
    } finally {
      button.disabled = false;
    }
  });
  return el('div', { className: 'assessment' }, [
    el('label', { attrs: { for: id } }, [el('span', { text: t('assessment.heading', { year }) })]),
    area,
    el('div', { className: 'assessment-actions' }, [button, saved]),
  ]);
}

function pictureOf(campaignId) {
  if (!campaignId) return Promise.resolve(null);
  if (!pictures.has(campaignId))
    pictures.set(campaignId, getJson(`/api/v1/picture?campaign=${encodeURIComponent(campaignId)}`).catch(() => null));
  return pictures.get(campaignId);
}

function importedFigures() {
  if (!imported) imported = getJson('/api/v1/indicators').then((body) => body.indicators).catch(() => []);
  return imported;
}

// The referenced figure's value in today's data: a node, or null when it cannot be looked up.
async function currentFigure(ref, promise) {
  if (ref.kind === 'imported') {
    const all = (await importedFigures()).filter((f) => f.indicator === ref.indicator);
    const own = all.filter((f) => f.area === promise.focus_area);
    const newest = (own.length ? own : all).sort((a, b) => b.period.localeCompare(a.period))[0];
    if (!newest) return null;
    const value = number(newest.value, Number.isInteger(newest.value) ? 0 : 1);
    return el('span', { text: t('motivation.currentImported', { value, period: newest.period, source: newest.source }) });
  }
  const picture = await pictureOf(ref.campaign_id);
  if (!picture) return null;
  if (ref.kind === 'survey_share') {
    const q = picture.questions.find((x) => x.id === ref.question_id);
    if (!q) return null;
    if (q.suppressed || !q.negative) return figureNode({ suppressed: true }, picture.min_cell);
    const w = q.negative.weighted;
    return el('span', { text: t('motivation.currentShare', { value: percent(w.share), low: percent(w.ci_low), high: percent(w.ci_high) }) });
  }
  if (ref.kind === 'dialogue_topics') {
    const area = picture.focus_areas.find((a) => a.area === (ref.focus_area || promise.focus_area));
    if (!area) return null;
    if (area.dialogue_topics === undefined) return figureNode({ suppressed: true }, picture.min_cell);
    return el('span', { text: number(area.dialogue_topics) });
  }
  if (ref.kind === 'walk_observations') return el('span', { text: number(picture.observations) });
  return null;
}

// The lägesbild figures that motivated a promise, each with its current value looked up.
function motivationList(promise) {
  const refs = promise.motivation || [];
  if (!refs.length) return el('p', { className: 'note motivation', text: t('motivation.none') });
  const list = el('ul', { className: 'motivation' });
  const lookups = [];
  for (const ref of refs) {
    const details = [];
    if (ref.campaign_id) details.push(t('motivation.campaign', { campaign: localized(campaignNames.get(ref.campaign_id)) || ref.campaign_id }));
    const question = el('span', { className: 'motivation-question' });
    if (ref.question_id) question.textContent = t('motivation.question', { question: ref.question_id });
    if (ref.focus_area) details.push(t('motivation.area', { area: t(`area.${ref.focus_area}`) }));
    if (ref.indicator) details.push(t('motivation.indicator', { indicator: ref.indicator }));
    const detailNode = el('span', { className: 'note', text: details.length ? ` — ${details.join('; ')}` : '' });
    const current = el('span', { className: 'current-value', text: '…' });
    const when = el('span', { className: 'current-label', text: `${t('motivation.now')} ` });
    const item = el('li', { attrs: { 'data-kind': ref.kind } }, [
      el('strong', { text: t(`motivation.kind.${ref.kind}`) }),
      detailNode,
      question.textContent ? el('span', { text: ' — ' }) : null,
      question,
      el('div', {}, [when, current]),
      ref.note ? el('p', { className: 'motivation-note', text: ref.note }) : null,
    ]);
    list.append(item);
    lookups.push(
      (async () => {
        const picture = await pictureOf(ref.campaign_id);
        if (ref.kind === 'survey_share' && ref.question_id) {
          const q = picture?.questions.find((x) => x.id === ref.question_id);
          if (q) question.textContent = t('motivation.question', { question: localized(q.text) });
        }
        if (ref.indicator) {
          const named = (await importedFigures()).find((f) => f.indicator === ref.indicator);
          if (named && indicatorName(named) !== ref.indicator) {
            const at = details.indexOf(t('motivation.indicator', { indicator: ref.indicator }));
            details[at] = t('motivation.indicator', { indicator: indicatorName(named) });
            detailNode.textContent = ` — ${details.join('; ')}`;
          }
        }
        // The figure is the campaign's, so it is named by its year, not "now".
        if (ref.kind === 'imported') when.textContent = `${t('motivation.newest')} `;
        else if (picture?.campaign_year) when.textContent = `${t('motivation.inYear', { year: picture.campaign_year })} `;
        const node = await currentFigure(ref, promise).catch(() => null);
        current.replaceWith(node ? Object.assign(node, { className: `${node.className} current-value`.trim() }) : el('span', { className: 'current-value', text: t('figure.none') }));
      })(),
    );
  }
  Promise.all(lookups).then(() => (list.dataset.loaded = 'true'));
  return list;
}

function promiseCard(promise) {
  const entry = entryOf(promise.id);
  const card = el('article', { className: 'card promise', attrs: { 'data-promise': promise.id } }, [
    el('h2', { text: `${t(`area.${promise.focus_area}`)} ${periodText(promise.period)}` }),
    el('p', { className: 'promise-text', text: localized(promise.text) }),
    el('p', { className: 'note', text: t('promises.by', { organisations: organisationText(promise.organisations) }) }),
    el('h3', { text: t('motivation.heading') }),
    motivationList(promise),
    el('h3', { text: t('activity.heading') }),
    el('p', { className: 'note activity-progress', text: progressText(activityCounts(promise.activities)) }),
    activitiesTable(promise),
    el('h3', { text: t('indicator.heading', { year }) }),
  ]);
  if (!entry) {
    card.append(el('p', { className: 'note', text: t('followup.unavailable') }));
  } else {
    card.append(entry.indicators.length ? indicatorsTable(entry) : el('p', { className: 'note', text: t('indicator.none') }));
    card.append(el('h3', { text: t('followup.measures') }), measuresList(entry));
  }
  card.append(el('h3', { text: t('assessment.title') }), assessmentEditor(promise, entry));
  return card;
}

function render() {
  const root = view();
  const restoreFocus = keepFocus(root);
  clear(root);
  root.append(agreementCard(), followUpControls());
  if (!promises.length) root.append(el('p', { className: 'card note', text: t('promises.none') }));
  for (const promise of promises) root.append(promiseCard(promise));
  restoreFocus();
  root.dataset.loaded = 'true';
}

// Wires the view to the dashboard: loads when shown, redraws on a language switch.
export function initPromises({ setStatus, onError }) {
  hooks = { setStatus, onError };
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'promises-view') reload();
  });
  document.addEventListener('td:language', () => {
    if (!view().hidden && view().dataset.loaded) render();
  });
}
