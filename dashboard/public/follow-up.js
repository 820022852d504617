// The printable yearly follow-up of the promises (/follow-up?year=YYYY&lang=sv): the agreement,
// per promise its activities, indicators against the baseline, measures from safety walks and
// the written assessment, and the block the signatories sign.

import { getJson, token } from './api.js';
import { clear, el, stackTable } from './dom.js';
import { localized, setLanguage, t } from './i18n.js';
import {
  activityCounts,
  agreementList,
  capitalised,
  dateText,
  differenceText,
  figureNode,
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

const $ = (id) => document.getElementById(id);

function table(className, headKeys, rows, params = {}) {
  const head = el('tr', {}, headKeys.map((k) => el('th', { text: t(k, params), attrs: { scope: 'col' } })));
  return stackTable(el('table', { className: `data ${className}` }, [el('thead', {}, [head]), el('tbody', {}, rows)]));
}

function activitiesSection(entry) {
  const { promise } = entry;
  const rows = promise.activities.map((a) =>
    el('tr', { attrs: { 'data-activity': a.id } }, [
      el('th', { text: localized(a.what), attrs: { scope: 'row' } }),
      el('td', { text: whoText(a) }),
      el('td', { text: a.when }),
      el('td', { className: `status-${a.status}`, text: statusText(a.status) }),
    ]),
  );
  return el('section', { className: 'block' }, [
    el('h3', { text: t('activity.heading') }),
    el('p', { className: 'activity-progress', text: progressText(entry.activities || activityCounts(promise.activities)) }),
    rows.length ? table('activities', ['activity.what', 'activity.who', 'activity.when', 'activity.status'], rows) : el('p', { className: 'note', text: t('activity.none') }),
  ]);
}

// The indicator's outcome in words: significance, then whether it moves the wanted way.
function verdict(ind) {
  if (ind.baseline?.suppressed || ind.current?.suppressed) return t('followup.tooFewToJudge');
  return `${significanceText(ind.significant)}. ${onTrackText(ind.on_track)}.`;
}

function indicatorsSection(entry, report) {
  const rows = entry.indicators.map((ind) =>
    el('tr', { attrs: { 'data-indicator': ind.id } }, [
      el('th', { text: localized(ind.label), attrs: { scope: 'row' } }),
      el('td', { text: targetText(ind.target_direction) }),
      el('td', {}, [figureNode(ind.baseline, report.k), el('div', { className: 'note', text: localized(ind.baseline?.label) })]),
      el('td', {}, [figureNode(ind.current, report.k), el('div', { className: 'note', text: localized(ind.current?.label) })]),
      el('td', { text: differenceText(ind) }),
      el('td', { className: 'verdict', text: verdict(ind) }),
    ]),
  );
  const keys = ['indicator.label', 'indicator.target', 'indicator.baseline', 'indicator.current', 'indicator.difference', 'indicator.verdict'];
  return el('section', { className: 'block' }, [
    el('h3', { text: t('indicator.heading', { year: report.year }) }),
    rows.length ? table('indicators', keys, rows, { year: report.year }) : el('p', { className: 'note', text: t('indicator.none') }),
  ]);
}

function measuresSection(entry) {
  const block = el('section', { className: 'block' }, [el('h3', { text: t('followup.measures') })]);
  if (!entry.measures.length) {
    block.append(el('p', { className: 'note', text: t('followup.noMeasures') }));
    return block;
  }
  const rows = entry.measures.map((m) =>
    el('tr', {}, [
      el('th', { text: m.title, attrs: { scope: 'row' } }),
      el('td', { text: t(`followup.measureStatus.${m.status}`) }),
      el('td', { text: t(`followup.party.${m.responsible_party}`) }),
      el('td', { text: t(`followup.priority.${m.priority}`) }),
      el('td', { text: m.deadline ? dateText(m.deadline) : '–' }),
    ]),
  );
  block.append(table('measures', ['followup.col.measure', 'followup.col.status', 'followup.col.responsible', 'followup.col.priority', 'followup.col.deadline'], rows));
  return block;
}

function assessmentSection(entry, report) {
  const block = el('section', { className: 'block' }, [el('h3', { text: t('assessment.heading', { year: report.year }) })]);
  if (entry.assessment?.text) {
    block.append(el('p', { className: 'assessment-text', text: entry.assessment.text }));
    block.append(el('p', { className: 'note', text: t('assessment.savedAt', { time: dateText(entry.assessment.updated_at) }) }));
  } else {
    block.append(el('p', { className: 'note', text: t('assessment.missing') }));
  }
  return block;
}

function promiseSection(entry, report) {
  const { promise } = entry;
  return el('section', { className: 'promise-report', attrs: { 'data-promise': promise.id } }, [
    el('h2', { text: t(`area.${promise.focus_area}`) }),
    el('p', { className: 'promise-text', text: localized(promise.text) }),
    el('p', { className: 'note', text: `${capitalised(organisationText(promise.organisations))} · ${periodText(promise.period)}` }),
    activitiesSection(entry),
    indicatorsSection(entry, report),
    measuresSection(entry),
    assessmentSection(entry, report),
  ]);
}

// One block per signing role: the agreement's signatories, or the two roles that sign off the
// yearly follow-up when no agreement is stored.
function signatureBlocks(report) {
  const partyName = (organisation) =>
    report.agreement?.parties.find((p) => p.organisation === organisation)?.name || capitalised(t(`organisation.${organisation}`));
  const roles = report.agreement?.signatories?.length
    ? report.agreement.signatories.map((s) => ({ role: localized(s.role), organisation: s.organisation }))
    : [{ role: t('signature.boardChair'), organisation: 'kommun' }, { role: t('signature.policeChief'), organisation: 'polis' }];
  return roles.map((r) =>
    el('div', { className: 'signature' }, [
      el('div', { className: 'signature-line', text: t('signature.sign') }),
      el('div', { className: 'signature-line', text: t('signature.name') }),
      el('div', { className: 'signature-role', text: r.role }),
      el('div', { className: 'note', text: partyName(r.organisation) }),
      el('div', { className: 'signature-line', text: t('signature.date') }),
    ]),
  );
}

function render(report) {
  const title = t('followup.title', { year: report.year });
  document.title = title;
  $('follow-up-title').textContent = title;
  $('follow-up-generated').textContent = t('report.generated', { date: dateText(new Date().toISOString()) });
  clear($('agreement'));
  $('agreement').append(report.agreement ? agreementList(report.agreement) : el('p', { className: 'note', text: t('agreement.missing') }));
  $('method-note').textContent = t('followup.method', { k: report.k });
  clear($('promises'));
  const entries = sortPromises(report.promises, (e) => e.promise.focus_area);
  if (!entries.length) $('promises').append(el('p', { className: 'note', text: t('promises.none') }));
  for (const entry of entries) $('promises').append(promiseSection(entry, report));
  $('signature-intro').textContent = t('signature.intro', { year: report.year });
  clear($('signature-blocks'));
  $('signature-blocks').append(...signatureBlocks(report));
}

async function main() {
  const params = new URLSearchParams(location.search);
  await setLanguage(params.get('lang') || 'sv');
  $('print').addEventListener('click', () => window.print());
  if (!token()) {
    $('status').textContent = t('report.missingToken');
    return;
  }
  const year = params.get('year');
  try {
    const report = await getJson(`/api/v1/follow-up${year ? `?year=${encodeURIComponent(year)}` : ''}`);
    render(report);
    $('follow-up').hidden = false;
    document.body.dataset.ready = 'true';
  } catch (err) {
    $('status').textContent = t('status.error', { message: err.message });
    $('status').classList.add('error');
  }
}

main();
