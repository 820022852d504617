// The public page (/public, no login): the current promises and what has been done, their
// indicators, the published lägesbild summaries and the agreement. It reads only
// GET /api/v1/public and never sends a token or any stored credential.

import { clear, el } from './dom.js';
import { language, localized, number, percent, t } from './i18n.js';
import {
  activityCounts,
  agreementList,
  dateText,
  figureText,
  periodText,
  progressText,
  significanceText,
  sortPromises,
  startPublicPage,
  statusText,
  whoText,
} from './promise-common.js';

const $ = (id) => document.getElementById(id);

async function fetchPublic() {
  const res = await fetch('/api/v1/public', { credentials: 'omit', cache: 'no-store' });
  if (!res.ok) throw new Error(t('public.loadFailed', { status: res.status }));
  return res.json();
}

function suppressedText(k) {
  return el('span', { className: 'too-few', text: t('figure.suppressed'), attrs: { title: t('suppressed', { k }) } });
}

function activityItem(activity) {
  return el('li', { className: `activity status-${activity.status}` }, [
    el('span', { className: 'badge', text: statusText(activity.status) }),
    el('span', { className: 'activity-what', text: localized(activity.what) }),
    el('span', { className: 'activity-meta', text: `${whoText(activity)} · ${activity.when}` }),
  ]);
}

function figureLine(key, figure, k, year) {
  const value = figure?.suppressed ? suppressedText(k) : el('span', { className: 'figure', text: figureText(figure) });
  const label = localized(figure?.label);
  const name = t(key, { year });
  return el('div', {}, [el('dt', { text: label ? `${name} (${label})` : name }), el('dd', {}, [value])]);
}

function indicatorItem(indicator, k, year) {
  const judged = indicator.baseline?.suppressed || indicator.current?.suppressed ? t('followup.tooFewToJudge') : significanceText(indicator.significant);
  return el('li', { className: 'indicator' }, [
    el('p', { className: 'indicator-label', text: localized(indicator.label) }),
    el('p', { className: 'note', text: t(`public.target.${indicator.target_direction}`) }),
    el('dl', { className: 'figures' }, [figureLine('indicator.baseline', indicator.baseline, k, year), figureLine('indicator.current', indicator.current, k, year)]),
    el('p', { className: 'verdict', text: judged }),
  ]);
}

function promiseCard(promise, k, year) {
  const counts = activityCounts(promise.activities);
  const card = el('article', { className: 'promise', attrs: { 'data-promise': promise.id } }, [
    el('h3', { text: t(`area.${promise.focus_area}`) }),
    el('p', { className: 'promise-text', text: localized(promise.text) }),
    el('p', { className: 'note', text: t('public.period', { period: periodText(promise.period) }) }),
    el('h4', { text: t('public.doneHeading') }),
    el('p', { className: 'progress', text: progressText(counts) }),
    el('ul', { className: 'activities' }, promise.activities.map(activityItem)),
  ]);
  if (promise.indicators.length) {
    card.append(el('h4', { text: t('public.indicatorsHeading') }), el('ul', { className: 'indicators' }, promise.indicators.map((i) => indicatorItem(i, k, year))));
  }
  return card;
}

// The ranking: each area's share worried with its interval, its rank interval, and which areas
// it cannot be told apart from (their rank intervals overlap).
function rankingList(summary, k) {
  const areas = [...(summary.focus_areas || [])].filter((a) => a.area !== 'general').sort((a, b) => (a.rank || 99) - (b.rank || 99));
  return el(
    'ol',
    { className: 'ranking' },
    areas.map((a) => {
      const item = el('li', { attrs: { 'data-area': a.area } }, [el('span', { className: 'area-name', text: t(`area.${a.area}`) })]);
      if (a.concern_score !== undefined) {
        const text = a.score
          ? t('public.concernInterval', { share: percent(a.score.share, 0), low: percent(a.score.ci_low, 0), high: percent(a.score.ci_high, 0) })
          : t('public.concern', { share: percent(a.concern_score, 0) });
        item.append(el('span', { className: 'figure', text }));
      } else if ((a.questions || []).length) item.append(suppressedText(k));
      const ri = a.rank_interval;
      if (ri && ri.low !== ri.high) item.append(el('span', { className: 'note rank-interval', text: t('public.rankInterval', { low: ri.low, high: ri.high }) }));
      const same = a.indistinguishable_from || [];
      if (same.length)
        item.append(el('span', { className: 'note indistinguishable', text: t('ranking.indistinguishable', { areas: same.map((x) => t(`area.${x}`)).join(t('list.and')) }) }));
      return item;
    }),
  );
}

// Where the weights come from: "Viktat mot befolkningen: åldersgrupp (SCB, 2023) och ort (…)".
function weightingLine(summary) {
  const margins = summary.weighting?.margins || [];
  if (!summary.weighting?.available || !margins.length) return null;
  const list = margins.map((m) => t('weighting.margin', { dimension: t(`dimension.${m.dimension}`), year: m.year, source: m.source })).join(t('list.and'));
  return el('p', { className: 'note weighting' }, [t('public.weighting', { margins: list }), ' ', methodLink()]);
}

function methodLink() {
  return el('a', { className: 'method-link', text: t('method.link'), attrs: { href: `/method.html?lang=${language()}` } });
}

// A question's negative share as a bar with its interval, or "too few answers" when the summary
// left the figure out.
function questionItem(q, k) {
  const item = el('li', { className: 'question' }, [el('p', { className: 'question-text', text: localized(q.text) })]);
  if (q.answered === undefined || !q.negative) {
    item.append(suppressedText(k));
    return item;
  }
  const share = q.negative.weighted;
  const bar = el('div', { className: 'bar', attrs: { 'aria-hidden': 'true' } }, [el('div', { className: 'bar-interval' }), el('div', { className: 'bar-value' })]);
  bar.firstChild.style.left = `${share.ci_low * 100}%`;
  bar.firstChild.style.width = `${(share.ci_high - share.ci_low) * 100}%`;
  bar.lastChild.style.width = `${share.share * 100}%`;
  item.append(bar, el('p', { className: 'figure', text: t('public.share', { value: percent(share.share, 0), low: percent(share.ci_low, 0), high: percent(share.ci_high, 0) }) }));
  if (q.non_substantive) item.append(el('p', { className: 'note', text: t('public.nonSubstantive', { n: number(q.non_substantive) }) }));
  return item;
}

// A place's survey mentions and walk observations; the summary withholds both (null) when
// either rests on fewer than k, and then the page says so instead of showing a number.
function placeCounts(p, k) {
  if (typeof p.survey_mentions !== 'number' || typeof p.observations !== 'number') {
    return [el('span', { className: 'note', text: ' — ' }), suppressedText(k)];
  }
  return [el('span', { className: 'note', text: ` — ${t('public.placeCounts', { mentions: number(p.survey_mentions), observations: number(p.observations) })}` })];
}

function placesList(summary, k) {
  const places = (summary.places || []).slice(0, 10);
  if (!places.length) return el('p', { className: 'note', text: t('public.noPlaces') });
  return el(
    'ol',
    { className: 'places' },
    places.map((p) => el('li', {}, [el('span', { className: 'place-name', text: p.place_name || t('map.unnamed') }), ...placeCounts(p, k)])),
  );
}

function summaryCard(body) {
  const summary = body.summary || {};
  const k = body.k;
  const questions = (summary.questions || []).filter((q) => !q.background && (q.negative || q.answered === undefined));
  return el('article', { className: 'summary', attrs: { 'data-campaign': body.campaign_id } }, [
    el('h3', { text: localized(body.title) }),
    el('p', { className: 'note', text: t('public.published', { date: dateText(body.published_at) }) }),
    el('p', {}, [summary.respondents !== undefined ? document.createTextNode(t('public.respondents', { n: number(summary.respondents) })) : suppressedText(k)]),
    weightingLine(summary),
    el('h4', { text: t('public.rankingHeading') }),
    el('p', { className: 'note', text: t('public.rankingNote') }),
    rankingList(summary, k),
    el('h4', { text: t('public.questionsHeading') }),
    el('p', { className: 'note', text: t('public.questionsNote') }),
    el('ul', { className: 'questions' }, questions.map((q) => questionItem(q, k))),
    el('h4', { text: t('public.placesHeading') }),
    placesList(summary, k),
  ]);
}

function render(data) {
  const k = data.k;
  clear($('promises'));
  const promises = sortPromises(data.promises);
  if (!promises.length) $('promises').append(el('p', { className: 'note', text: t('public.noPromises') }));
  for (const p of promises) $('promises').append(promiseCard(p, k, data.year));
  clear($('summaries'));
  if (!data.summaries.length) $('summaries').append(el('p', { className: 'note', text: t('public.noSummaries') }));
  for (const s of data.summaries) $('summaries').append(summaryCard(s));
  clear($('agreement'));
  if (data.agreement) {
    $('agreement').append(agreementList(data.agreement), el('p', { className: 'note', text: t('public.followUpYearly') }));
  } else {
    $('agreement').append(el('p', { className: 'note', text: t('agreement.missing') }));
  }
  $('privacy-note').textContent = t('public.privacy', { k });
  $('method-footer-link').setAttribute('href', `/method.html?lang=${language()}`);
}

async function main() {
  await startPublicPage('public.title');
  try {
    render(await fetchPublic());
    document.body.dataset.ready = 'true';
  } catch (err) {
    $('status').textContent = t('status.error', { message: err.message });
    $('status').classList.add('error');
  }
}

main();
