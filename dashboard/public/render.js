// The picture's tables and lists: summary, focus-area ranking, trends, unlocated places.

import { clear, el } from './dom.js';
import { indicatorName, localized, number, percent, points, pValue, t } from './i18n.js';

export function suppressedMark(k) {
  return el('span', { className: 'suppressed', text: t('suppressed.short'), attrs: { title: t('suppressed', { k }) } });
}

export function renderSummary(dl, picture) {
  clear(dl);
  const items = [
    ['summary.respondents', number(picture.respondents)],
    ['summary.effectiveN', number(picture.weighting.effective_n, 0)],
    ['summary.dialogues', number(picture.dialogues)],
    ['summary.peopleMet', number(picture.people_met)],
    ['summary.walks', number(picture.walks)],
    ['summary.observations', number(picture.observations)],
    ['summary.places', number(picture.places.length)],
  ];
  if (picture.filter.compare_to) items.splice(1, 0, ['summary.compareRespondents', number(picture.compare_respondents)]);
  for (const [key, value] of items) {
    dl.append(el('div', { className: 'summary-item' }, [el('dt', { text: t(key) }), el('dd', { text: value })]));
  }
}

// The margins the weights are raked to, with source and year: "åldersgrupp (SCB, 2023), …".
export function marginsText(weighting) {
  return (weighting.margins || [])
    .map((m) => t('weighting.margin', { dimension: t(`dimension.${m.dimension}`), year: m.year, source: m.source }))
    .join(t('list.and'));
}

// How the picture is weighted, in a sentence or two (and whether the margins could be met).
export function weightingNote(picture) {
  const w = picture.weighting;
  if (!w.available) return t('weighting.unavailable', { k: picture.min_cell });
  const text = t('weighting.raked', {
    margins: marginsText(w),
    low: number(w.bounds?.lower, 1),
    high: number(w.bounds?.upper, 0),
    deff: number(w.design_effect, 2),
    k: picture.min_cell,
  });
  return w.converged === false ? `${text} ${t('weighting.notConverged')}` : text;
}

// A link to the "Så räknar vi" page in the page's language.
export function methodLink() {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'sv';
  return el('a', { className: 'method-link', text: t('method.link'), attrs: { href: `/method.html?lang=${lang}` } });
}

// A weighted share with its interval: "49,5 % (45,1–53,9 %)".
export function shareWithInterval(share, digits = 1) {
  if (!share) return '–';
  return t('share.withInterval', { value: percent(share.share, digits), low: percent(share.ci_low, digits), high: percent(share.ci_high, digits) });
}

// The rank with its bootstrap interval: "2 (1–3)".
export function rankText(area) {
  if (!area.rank) return '–';
  const ri = area.rank_interval;
  if (!ri || ri.low === ri.high) return String(area.rank);
  return t('ranking.withInterval', { rank: area.rank, low: ri.low, high: ri.high });
}

// The areas an area cannot be told apart from, as words, or null.
export function indistinguishableText(area) {
  const others = area.indistinguishable_from || [];
  if (!others.length) return null;
  return t('ranking.indistinguishable', { areas: others.map((a) => t(`area.${a}`)).join(t('list.and')) });
}

// The newest figure of each imported indicator, by indicator name.
export function newestFigures(indicators) {
  const newest = new Map();
  for (const f of indicators || []) {
    const seen = newest.get(f.indicator);
    if (!seen || f.period > seen.period) newest.set(f.indicator, f);
  }
  return [...newest.values()].sort((a, b) => a.indicator.localeCompare(b.indicator));
}

// An area's imported police/municipality figures: "name: value (period, source)", newest each.
function indicatorsCell(indicators) {
  const figures = newestFigures(indicators);
  if (!figures.length) return el('td', { text: '–' });
  const list = el('ul', { className: 'area-indicators' });
  for (const f of figures)
    list.append(
      el('li', { attrs: { 'data-indicator': f.indicator, 'data-period': f.period } }, [
        el('span', { className: 'indicator-name', text: `${indicatorName(f)}: ` }),
        el('strong', { text: number(f.value, Number.isInteger(f.value) ? 0 : 1) }),
        el('span', { className: 'note', text: ` (${f.period}, ${f.source})` }),
      ]),
    );
  return el('td', {}, [list]);
}

// The area's experience items beside its score: each question's weighted share.
function experienceCell(area, picture) {
  const ids = area.experience_questions || [];
  if (!ids.length) return el('td', { text: '–' });
  const list = el('ul', { className: 'area-experience' });
  for (const id of ids) {
    const q = picture.questions.find((x) => x.id === id);
    if (!q) continue;
    const value = q.negative && !q.suppressed ? shareWithInterval(q.negative.weighted, 0) : t('figure.suppressed');
    list.append(el('li', { attrs: { 'data-question': id } }, [el('span', { text: localized(q.text) }), el('strong', { className: 'experience-value', text: value })]));
  }
  return el('td', {}, [list]);
}

// The column headers that name the campaigns' years instead of "now" and "then".
export function yearHeaders(root, picture) {
  for (const th of root.querySelectorAll('[data-year=campaign]')) th.textContent = t('year.weighted', { year: picture.campaign_year || '' });
  for (const th of root.querySelectorAll('[data-year=compare]'))
    th.textContent = picture.compare_year ? t('year.weighted', { year: picture.compare_year }) : t('ranking.previous');
}

export function renderRanking(tbody, picture) {
  clear(tbody);
  yearHeaders(tbody.closest('table'), picture);
  const areas = [...picture.focus_areas].sort((a, b) => (a.rank || 99) - (b.rank || 99));
  for (const area of areas) {
    const scoreCell = el('td', { className: 'score', text: area.score ? shareWithInterval(area.score) : '–' });
    if (area.suppressed) scoreCell.append(' ', suppressedMark(picture.min_cell));
    const previous = area.trend ? percent(area.trend.previous.share) : '–';
    const name = el('th', { attrs: { scope: 'row' } }, [el('span', { className: 'area-name', text: t(`area.${area.area}`) })]);
    const same = indistinguishableText(area);
    if (same) name.append(el('span', { className: 'note indistinguishable', text: same }));
    tbody.append(
      el('tr', { attrs: { 'data-area': area.area } }, [
        el('td', { className: 'rank', text: rankText(area) }),
        name,
        scoreCell,
        el('td', { text: previous }),
        experienceCell(area, picture),
        el('td', { text: number(area.dialogue_topics) }),
        indicatorsCell(area.indicators),
      ]),
    );
  }
}

// The adjusted verdict in words (Benjamini–Hochberg over the picture's tests).
export function significanceLabel(trend) {
  if (!trend.test_valid) return t('trends.untestable');
  return trend.significant ? t('trends.significant') : t('trends.notSignificant');
}

// A difference in points with its interval: "−6,2 (−10,1 till −2,3) procentenheter".
export function differenceWithInterval(trend) {
  if (trend.ci_low === undefined) return `${points(trend.difference)} ${t('points')}`;
  return t('trends.differenceInterval', { d: points(trend.difference), low: points(trend.ci_low), high: points(trend.ci_high) });
}

// Rows for every question with a trend; returns how many.
export function renderTrends(tbody, picture) {
  clear(tbody);
  yearHeaders(tbody.closest('table'), picture);
  let rows = 0;
  for (const q of picture.questions) {
    if (!q.trend || !q.negative) continue;
    const trend = q.trend;
    const flag = el('td', {}, [
      el('span', {
        className: trend.significant ? 'badge significant' : 'badge',
        text: significanceLabel(trend),
      }),
    ]);
    if (trend.suppressed) flag.append(' ', suppressedMark(picture.min_cell));
    tbody.append(
      el('tr', { attrs: { 'data-question': q.id } }, [
        el('th', { text: localized(q.text), attrs: { scope: 'row' } }),
        el('td', { text: percent(trend.previous.share) }),
        el('td', { text: percent(q.negative.weighted.share) }),
        el('td', { text: differenceWithInterval(trend) }),
        el('td', { className: 'p-raw', text: pValue(trend.p_value) }),
        el('td', { className: 'p-adjusted', text: pValue(trend.p_adjusted ?? trend.p_value) }),
        flag,
      ]),
    );
    rows += 1;
  }
  return rows;
}

// Place descriptions residents wrote without a position: free text, shown as text only.
export function renderUnlocated(list, picture) {
  clear(list);
  if (!picture.unlocated || picture.unlocated.length === 0) {
    list.append(el('li', { className: 'note', text: t('map.noUnlocated') }));
    return;
  }
  for (const item of picture.unlocated) {
    list.append(el('li', {}, [el('span', { className: 'resident-text', text: item.text }), el('span', { className: 'count', text: ` × ${item.count}` })]));
  }
}
