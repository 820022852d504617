// One Chart.js chart per question with a negative share: the weighted and the unweighted share
// with their 95 % intervals (floating bars), and the comparison campaign's weighted share (named
// by its year) when there is one.

import { clear, el } from './dom.js';
import { localized, number, percent, t } from './i18n.js';
import { suppressedMark } from './render.js';

const charts = [];

const COLORS = {
  interval: ['rgba(31, 95, 153, 0.35)', 'rgba(196, 90, 20, 0.35)', 'rgba(110, 110, 110, 0.35)'],
  point: ['#1f5f99', '#c45a14', '#555555'],
};

function destroyCharts() {
  while (charts.length) charts.pop().destroy();
}

function chartFor(canvas, q, picture) {
  const rows = [
    [t('questions.unweighted'), q.negative.unweighted],
    [t('questions.weighted'), q.negative.weighted],
  ];
  if (q.trend) rows.push([t('year.weighted', { year: picture.compare_year }), q.trend.previous]);
  const pct = (x) => Math.round(x * 1000) / 10;
  // The axis ends at the next 10 % above the widest interval, so small shares stay readable.
  const axisMax = Math.min(100, Math.ceil((Math.max(...rows.map((r) => r[1].ci_high)) * 100 + 1) / 10) * 10);
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => r[0]),
      datasets: [
        {
          type: 'bar',
          label: t('questions.interval'),
          data: rows.map((r) => [pct(r[1].ci_low), pct(r[1].ci_high)]),
          backgroundColor: rows.map((_, i) => COLORS.interval[i]),
          borderColor: rows.map((_, i) => COLORS.point[i]),
          borderWidth: 1,
          barPercentage: 0.5,
        },
        {
          type: 'line',
          label: t('questions.share'),
          data: rows.map((r) => pct(r[1].share)),
          showLine: false,
          pointRadius: 5,
          pointStyle: 'rectRot',
          pointBackgroundColor: rows.map((_, i) => COLORS.point[i]),
          borderColor: '#222',
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { min: 0, max: axisMax, title: { display: true, text: `${t('questions.share')} (%)` } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (ctx) =>
              Array.isArray(ctx.raw) ? `${ctx.dataset.label}: ${ctx.raw[0]}–${ctx.raw[1]} %` : `${ctx.dataset.label}: ${ctx.raw} %`,
          },
        },
      },
    },
  });
}

function distributionTable(q) {
  const table = el('table', { className: 'data compact' }, [
    el('caption', { text: t('questions.distribution') }),
  ]);
  const body = el('tbody');
  for (const c of q.distribution || []) {
    let label = c.id === 'vet_ej' ? t('questions.dontKnow') : localized(c.label) || c.id;
    if (c.non_substantive) label = `${label} ${t('questions.outsideBase')}`;
    const count = el('td', { text: number(c.count) });
    if (c.suppressed) count.append(' ', suppressedMark(''));
    body.append(el('tr', {}, [el('th', { text: label, attrs: { scope: 'row' } }), count, el('td', { text: percent(c.weighted_share) })]));
  }
  table.append(body);
  return table;
}

export function renderQuestionCharts(container, picture) {
  destroyCharts();
  clear(container);
  for (const q of picture.questions) {
    if (!q.negative || q.background) continue;
    const u = q.negative.unweighted;
    const w = q.negative.weighted;
    const heading = el('h3', { text: localized(q.text) });
    if (q.suppressed) heading.append(' ', suppressedMark(picture.min_cell));
    const detailText = t('questions.detail', {
      u: percent(u.share), ul: percent(u.ci_low), uh: percent(u.ci_high),
      w: percent(w.share), wl: percent(w.ci_low), wh: percent(w.ci_high),
      n: number(q.negative.base), outside: number(q.non_substantive ?? q.dont_know),
    });
    // The chart is read out as what it draws: the shares with their intervals, and the
    // comparison year's share when there is one.
    const compare = q.trend ? `; ${t('questions.chartCompare', {
      year: picture.compare_year, share: percent(q.trend.previous.share),
      low: percent(q.trend.previous.ci_low), high: percent(q.trend.previous.ci_high),
    })}` : '';
    const canvas = el('canvas', {
      attrs: { role: 'img', 'aria-label': t('questions.chartLabel', { question: localized(q.text), detail: `${detailText}${compare}` }) },
    });
    const detail = el('p', { className: 'note', text: detailText });
    const card = el('figure', { className: 'question', attrs: { 'data-question': q.id } }, [
      heading,
      el('div', { className: 'chart-box' }, [canvas]),
      detail,
      distributionTable(q),
    ]);
    container.append(card);
    charts.push(chartFor(canvas, q, picture));
  }
}
