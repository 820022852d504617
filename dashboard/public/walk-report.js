// The printable walk report for the follow-up meeting: the route as a drawn sketch with the
// numbered stops (no map tiles), what was found at each stop, the findings per checklist item,
// the proposed measures with their responsible parties, and the measures made from them.

import { getJson, token } from './api.js';
import { clear, el, stackTable } from './dom.js';
import { applyStatic, language, localized, number, setLanguage, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Projects lon/lat onto the box (north up, metres on both axes) and draws the track, the
// numbered stops and a scale bar.
function drawSketch(container, track, stops) {
  clear(container);
  const points = [...track, ...stops.map((s) => [s.position.lon, s.position.lat])];
  if (!points.length) {
    container.append(el('p', { className: 'note', text: t('walkReport.noTrack') }));
    return;
  }
  const width = 640;
  const height = 420;
  const pad = 30;
  const lat0 = points.reduce((s, p) => s + p[1], 0) / points.length;
  const kx = 111320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110540;
  const xs = points.map((p) => p[0] * kx);
  const ys = points.map((p) => p[1] * ky);
  const minX = Math.min(...xs);
  const maxY = Math.max(...ys);
  const spanM = Math.max(Math.max(...xs) - minX, maxY - Math.min(...ys), 50);
  const scale = Math.min(width - 2 * pad, height - 2 * pad) / spanM;
  const project = ([lon, lat]) => [pad + (lon * kx - minX) * scale, pad + (maxY - lat * ky) * scale];
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t('walkReport.route'), class: 'route-sketch' });
  if (track.length > 1)
    root.append(svg('polyline', { points: track.map((p) => project(p).join(',')).join(' '), fill: 'none', stroke: '#1f5f99', 'stroke-width': 3, class: 'sketch-track' }));
  stops.forEach((s, i) => {
    const [x, y] = project([s.position.lon, s.position.lat]);
    root.append(svg('circle', { cx: x, cy: y, r: 11, fill: '#d9442b', stroke: '#fff', 'stroke-width': 2, class: 'sketch-stop' }));
    root.append(svg('text', { x, y: y + 4, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 700, fill: '#fff' }, String(s.number ?? i + 1)));
  });
  // Scale bar: a round number of metres about a fifth of the width.
  const target = spanM / 5;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const metres = [1, 2, 5, 10].map((f) => f * magnitude).find((m) => m >= target) || target;
  const barPx = metres * scale;
  root.append(svg('line', { x1: pad, y1: height - 12, x2: pad + barPx, y2: height - 12, stroke: '#1d2430', 'stroke-width': 3 }));
  root.append(svg('text', { x: pad + barPx + 6, y: height - 8, 'font-size': 12 }, `${number(metres)} m`));
  root.append(svg('text', { x: width - pad, y: pad, 'text-anchor': 'end', 'font-size': 14, 'font-weight': 700 }, t('walkReport.north')));
  container.append(root);
}

function fact(list, key, value) {
  list.append(el('div', {}, [el('dt', { text: t(key) }), el('dd', { text: value })]));
}

function table(node, headings, rows, empty) {
  clear(node);
  node.append(el('thead', {}, [el('tr', {}, headings.map((h) => el('th', { text: t(h) })))]));
  const body = el('tbody');
  for (const cells of rows) body.append(el('tr', {}, cells.map((c) => (c instanceof Node ? el('td', {}, [c]) : el('td', { text: c, className: 'resident-text' })))));
  if (!rows.length) body.append(el('tr', {}, [el('td', { text: t(empty), attrs: { colspan: String(headings.length) } })]));
  node.append(body);
  stackTable(node);
}

function render(report) {
  const w = report.walk;
  $('walk-name').textContent = `${w.area_name} – ${w.date}`;
  const facts = $('walk-facts');
  clear(facts);
  fact(facts, 'walkReport.locality', w.locality);
  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString(language() === 'sv' ? 'sv-SE' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) : '–');
  fact(facts, 'walkReport.time', `${time(w.started_at)}–${time(w.ended_at)}`);
  const p = w.participants || {};
  fact(
    facts,
    'walkReport.participants',
    ['residents', 'police', 'municipality', 'property_owner', 'other']
      .filter((k) => p[k])
      .map((k) => `${t(`participants.${k}`)} ${p[k]}`)
      .join(', ') || '–',
  );
  fact(facts, 'walkReport.length', `${number(w.length_m / 1000, 2)} km`);
  fact(facts, 'walkReport.stopCount', number(w.stops));

  drawSketch($('sketch'), report.track, report.stops);

  table(
    $('stops'),
    ['walkReport.stop', 'walkReport.feeling', 'walkReport.note', 'walkReport.problems'],
    report.stops.map((s) => [
      String(s.number),
      `${s.overall_feeling} – ${t(`feeling.${s.overall_feeling}`)}`,
      s.note || '',
      Object.entries(s.ratings || {})
        .filter(([, v]) => v !== 'not_applicable' && v >= 2)
        .map(([item, v]) => `${localized(report.checklist.items.find((i) => i.id === item)?.label) || item} (${v})`)
        .join(', '),
    ]),
    'walkReport.none',
  );
  table(
    $('findings'),
    ['walkReport.item', 'walkReport.rated', 'walkReport.mean', 'walkReport.problemStops'],
    report.findings.map((f) => [
      localized(f.label),
      `${number(f.rated)}${f.not_applicable ? ` (+${f.not_applicable} ${t('rating.na')})` : ''}`,
      f.mean === null ? '–' : number(f.mean, 1),
      f.problem_stops.map((s) => `${s.stop} (${s.rating})`).join(', ') || '–',
    ]),
    'walkReport.none',
  );
  table(
    $('proposed'),
    ['walkReport.stop', 'walkReport.proposedMeasure', 'walkReport.responsible'],
    report.proposed_measures.map((m) => [String(m.stop), m.text, m.responsible_party ? t(`party.${m.responsible_party}`) : '–']),
    'walkReport.none',
  );
  table(
    $('measures'),
    ['walkReport.measure', 'walkReport.responsible', 'walkReport.status'],
    report.measures.map((m) => [m.title, t(`party.${m.responsible_party}`), t(`measureStatus.${m.status}`)]),
    'walkReport.none',
  );
  $('report').hidden = false;
}

async function main() {
  const params = new URLSearchParams(location.search);
  await setLanguage(params.get('lang') || 'sv');
  applyStatic(document);
  $('print').addEventListener('click', () => window.print());
  const walk = params.get('walk');
  try {
    if (!token()) throw new Error(t('walkReport.login'));
    if (!walk) throw new Error(t('walkReport.noWalk'));
    render(await getJson(`/api/v1/walks/${encodeURIComponent(walk)}/report`));
    $('status').textContent = '';
  } catch (err) {
    $('status').textContent = t('status.error', { message: err.message || String(err) });
    $('status').classList.add('error');
  }
  document.body.dataset.ready = 'true';
}

main();
