// The public page (/public, no login): the current promises and what has been done, their
// indicators, the published lägesbild summaries and the agreement. It reads only
// GET /api/v1/public and never sends a token or any stored credential.

import { clear, el } from './dom.js';
import { language, localized, number, percent, setLanguage, t } from './i18n.js';
import {
  activityCounts,
  agreementList,
  dateText,
  figureText,
  periodText,
  progressText,
  significanceText,
  sortPromises,
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

function figureLine(key, figure, k) {
  const value = figure?.suppressed ? suppressedText(k) : el('span', { className: 'figure', text: figureText(figure) });
  const label = localized(figure?.label);
  return el('div', {}, [el('dt', { text: label ? `${t(key)} (${label})` : t(key) }), el('dd', {}, [value])]);
}

function indicatorItem(indicator, k) {
  const judged = indicator.baseline?.suppressed || indicator.current?.suppressed ? t('followup.tooFewToJudge') : significanceText(indicator.significant);
  return el('li', { className: 'indicator' }, [
    el('p', { className: 'indicator-label', text: localized(indicator.label) }),
    el('p', { className: 'note', text: t(`public.target.${indicator.target_direction}`) }),
    el('dl', { className: 'figures' }, [figureLine('indicator.baseline', indicator.baseline, k), figureLine('indicator.current', indicator.current, k)]),
    el('p', { className: 'verdict', text: judged }),
  ]);
}

function promiseCard(promise, k) {
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
    card.append(el('h4', { text: t('public.indicatorsHeading') }), el('ul', { className: 'indicators' }, promise.indicators.map((i) => indicatorItem(i, k))));
  }
  return card;
}

function rankingList(summary, k) {
  const areas = [...(summary.focus_areas || [])].filter((a) => a.area !== 'general').sort((a, b) => (a.rank || 99) - (b.rank || 99));
  return el(
    'ol',
    { className: 'ranking' },
    areas.map((a) => {
      const item = el('li', {}, [el('span', { className: 'area-name', text: t(`area.${a.area}`) })]);
      if (a.concern_score !== undefined) item.append(el('span', { className: 'figure', text: t('public.concern', { share: percent(a.concern_score, 0) }) }));
      else if ((a.questions || []).length) item.append(suppressedText(k));
      return item;
    }),
  );
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
  for (const p of promises) $('promises').append(promiseCard(p, k));
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
}

async function main() {
  const requested = new URLSearchParams(location.search).get('lang');
  await setLanguage(requested === 'en' ? 'en' : 'sv');
  document.title = `${t('public.title')} – ${t('public.siteName')}`;
  $('language-switch').setAttribute('aria-label', t('app.language'));
  for (const lang of ['sv', 'en']) {
    const link = $(`lang-${lang}`);
    if (lang === language()) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
  try {
    render(await fetchPublic());
    document.body.dataset.ready = 'true';
  } catch (err) {
    $('status').textContent = t('status.error', { message: err.message });
    $('status').classList.add('error');
  }
}

main();
