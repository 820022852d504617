// The printable yearly report: the same picture as the dashboard, as tables on paper.

import { getJson, token } from './api.js';
import { clear, el, stackTable } from './dom.js';
import { localized, number, percent, pValue, setLanguage, t } from './i18n.js';
import {
  differenceWithInterval, methodLink, renderRanking, renderSummary, shareWithInterval, significanceLabel,
  suppressedMark, weightingNote, yearHeaders,
} from './render.js';

const $ = (id) => document.getElementById(id);

function renderQuestions(tbody, picture) {
  clear(tbody);
  yearHeaders(tbody.closest('table'), picture);
  for (const q of picture.questions) {
    if (!q.negative || q.background) continue;
    const name = el('th', { text: localized(q.text), attrs: { scope: 'row' } });
    if (q.suppressed) name.append(' ', suppressedMark(picture.min_cell));
    const trend = q.trend;
    tbody.append(
      el('tr', { attrs: { 'data-question': q.id } }, [
        name,
        el('td', { text: shareWithInterval(q.negative.weighted) }),
        el('td', { text: shareWithInterval(q.negative.unweighted) }),
        el('td', { text: trend ? shareWithInterval(trend.previous) : '–' }),
        el('td', { text: trend ? differenceWithInterval(trend) : '–' }),
        el('td', { text: trend ? `${pValue(trend.p_value)} / ${pValue(trend.p_adjusted ?? trend.p_value)}` : '–' }),
        el('td', { text: trend ? significanceLabel(trend) : '–' }),
      ]),
    );
  }
}

function renderPlaces(list, picture) {
  clear(list);
  for (const p of picture.places.slice(0, 10)) {
    const name = p.place_name || t('map.unnamed');
    const item = el('li', { text: `${name}: ${t('map.mentions', { n: number(p.survey_mentions) })}, ${t('map.observations', { n: number(p.observations) })}` });
    if (p.suppressed) item.append(' ', suppressedMark(picture.min_cell));
    list.append(item);
  }
}

async function main() {
  const params = new URLSearchParams(location.search);
  await setLanguage(params.get('lang') || 'sv');
  $('print').addEventListener('click', () => window.print());
  if (!token()) {
    $('status').textContent = t('report.missingToken');
    return;
  }
  const query = new URLSearchParams();
  for (const key of ['campaign', 'compare_to', 'locality', 'from', 'to'])
    if (params.get(key)) query.set(key, params.get(key));
  try {
    const picture = await getJson(`/api/v1/picture?${query}`);
    document.title = `${t('report.title')} – ${localized(picture.campaign_name)}`;
    $('report-title').textContent = t('report.title');
    $('report-campaign').textContent = localized(picture.campaign_name);
    $('report-generated').textContent = t('report.generated', { date: new Date().toISOString().slice(0, 10) });
    renderSummary($('summary'), picture);
    $('weighting-note').replaceChildren(weightingNote(picture), ' ', methodLink());
    $('ranking-note').textContent = t('ranking.note', { replicates: number(picture.ranking?.replicates) });
    $('questions-note').textContent = t('report.questionsNote', { q: percent(picture.significance_level ?? 0.05, 0) });
    renderRanking(document.querySelector('#ranking tbody'), picture);
    renderQuestions(document.querySelector('#questions tbody'), picture);
    stackTable($('ranking'));
    stackTable($('questions'));
    renderPlaces($('places'), picture);
    $('report').hidden = false;
    document.body.dataset.ready = 'true';
  } catch (err) {
    $('status').textContent = t('status.error', { message: err.message });
    $('status').classList.add('error');
  }
}

main();
