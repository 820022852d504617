// The picture's tables and lists: summary, focus-area ranking, trends, unlocated places.

import { clear, el } from './dom.js';
import { localized, number, percent, t } from './i18n.js';

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

export function weightingNote(picture) {
  const key = picture.weighting.available ? 'weighting.available' : 'weighting.unavailable';
  return t(key, { deff: number(picture.weighting.design_effect, 2), k: picture.min_cell });
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
        el('span', { className: 'indicator-name', text: `${f.indicator}: ` }),
        el('strong', { text: number(f.value, Number.isInteger(f.value) ? 0 : 1) }),
        el('span', { className: 'note', text: ` (${f.period}, ${f.source})` }),
      ]),
    );
  return el('td', {}, [list]);
}

export function renderRanking(tbody, picture) {
  clear(tbody);
  const areas = [...picture.focus_areas].sort((a, b) => (a.rank || 99) - (b.rank || 99));
  for (const area of areas) {
    const score = area.concern_score !== undefined ? percent(area.concern_score) : '–';
    const scoreCell = el('td', { text: score });
    if (area.suppressed) scoreCell.append(' ', suppressedMark(picture.min_cell));
    const previous = area.previous_score !== undefined ? percent(area.previous_score) : '–';
    tbody.append(
      el('tr', { attrs: { 'data-area': area.area } }, [
        el('td', { text: area.rank || '–' }),
        el('th', { text: t(`area.${area.area}`), attrs: { scope: 'row' } }),
        scoreCell,
        el('td', { text: previous }),
        el('td', { text: number(area.dialogue_topics) }),
        indicatorsCell(area.indicators),
      ]),
    );
  }
}

function significanceLabel(trend) {
  if (!trend.test_valid) return t('trends.untestable');
  return trend.significant ? t('trends.significant') : t('trends.notSignificant');
}

// Rows for every question with a trend; returns how many.
export function renderTrends(tbody, picture) {
  clear(tbody);
  let rows = 0;
  for (const q of picture.questions) {
    if (!q.trend || !q.negative) continue;
    const trend = q.trend;
    const diff = new Intl.NumberFormat(document.documentElement.lang === 'sv' ? 'sv-SE' : 'en-GB', {
      signDisplay: 'exceptZero',
      maximumFractionDigits: 1,
    }).format(trend.difference * 100);
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
        el('td', { text: `${diff} ${t('points')}` }),
        el('td', { text: number(trend.p_value, 3) }),
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
