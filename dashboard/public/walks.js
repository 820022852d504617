// The dashboard's "Trygghetsvandringar" view: every safety walk's GPS track and numbered stops
// on a Leaflet map (circle markers and lines only, so it works without map tiles), the stops'
// observations in popups with "Skapa åtgärd", and a link to each walk's printable report.

import { getJson, sendJson } from './api.js';
import { dateTime } from './devices.js';
import { clear, el, stackTable } from './dom.js';
import { language, number, t } from './i18n.js';
import { keyboardMarker } from './map.js';

let hooks = { setStatus: () => {}, onError: () => {}, config: {} };
let geojson = null;
let map = null;
let layer = null;

const view = () => document.getElementById('walks-view');
const COLORS = ['#1f5f99', '#7a3e9d', '#2e7d32', '#b35c00'];

function totalParticipants(p) {
  return Object.values(p || {}).reduce((sum, n) => sum + (Number(n) || 0), 0);
}

function walksOf(fc) {
  return fc.features.filter((f) => f.properties.feature === 'walk');
}

function stopsOf(fc, walkId) {
  return fc.features.filter((f) => f.properties.feature === 'stop' && f.properties.walk_id === walkId);
}

// A link to the printable walk report. It opens through window.open, which hands the new tab a
// copy of this tab's sessionStorage (and so the token); a plain target=_blank link would not.
export function reportLink(walkId, text) {
  const href = `/walk-report?walk=${encodeURIComponent(walkId)}&lang=${language()}`;
  const link = el('a', { text, className: 'walk-report-link', attrs: { href } });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    window.open(href, '_blank');
  });
  return link;
}

async function createMeasure(stop, button) {
  button.disabled = true;
  try {
    const item = await sendJson('POST', `/api/v1/observations/${encodeURIComponent(stop.observation_id || stop.id)}/measures`, {});
    await load();
    hooks.setStatus('walks.measureCreated', { title: item.measure.title });
    // The map was drawn anew: focus goes back to the stop.
    document.querySelector(`path.walk-stop[data-observation="${CSS.escape(stop.id)}"]`)?.focus();
  } catch (err) {
    button.disabled = false;
    hooks.onError(err);
  }
}

function ratingText(value) {
  return value === 'not_applicable' ? t('rating.na') : `${value} – ${t(`rating.${value}`)}`;
}

// The popup of a stop: everything the walk recorded there, and the measures made from it.
function popupFor(p) {
  const box = el('div', { className: 'popup stop-popup', attrs: { 'data-observation': p.id } }, [
    el('strong', { text: t('walks.stopTitle', { n: p.number }) }),
    el('div', { text: `${t('walks.recordedAt')}: ${dateTime(p.recorded_at)}` }),
    el('div', { text: `${t('walks.feeling')}: ${p.overall_feeling} – ${t(`feeling.${p.overall_feeling}`)}` }),
    el('div', { text: `${t('walks.timeOfDay')}: ${t(`time.${p.time_of_day}`)}` }),
  ]);
  if (p.note) box.append(el('div', { className: 'resident-text', text: `${t('walks.note')}: ${p.note}` }));
  if (p.proposed_measure)
    box.append(el('div', { className: 'resident-text proposed', text: `${t('walks.proposed')}: ${p.proposed_measure}` }));
  if (p.responsible_party) box.append(el('div', { text: `${t('walks.responsible')}: ${t(`party.${p.responsible_party}`)}` }));
  const ratings = Object.entries(p.ratings || {});
  if (ratings.length) {
    const list = el('ul', { className: 'ratings' });
    for (const [item, value] of ratings) list.append(el('li', { text: `${t(`checklist.${item}`)}: ${ratingText(value)}` }));
    box.append(list);
  }
  for (const m of p.measures || [])
    box.append(el('div', { className: 'stop-measure', text: `${t('walks.measure')}: ${m.title} (${t(`measureStatus.${m.status}`)})` }));
  const button = el('button', { text: t('walks.createMeasure'), className: 'create-measure', attrs: { type: 'button' } });
  button.addEventListener('click', () => createMeasure(p, button));
  box.append(button);
  return box;
}

function drawMap(container) {
  if (!map) {
    map = L.map(container).setView(hooks.config.center || [64.2, 19.72], hooks.config.zoom || 14);
    if (hooks.config.tileUrl)
      L.tileLayer(hooks.config.tileUrl, { attribution: hooks.config.tileAttribution || '', maxZoom: 19 }).addTo(map);
  }
  if (layer) layer.remove();
  layer = L.layerGroup().addTo(map);
  const bounds = [];
  // The newest walk (listed first) is drawn last, on top.
  const walks = walksOf(geojson);
  [...walks].reverse().forEach((walk) => {
    const color = COLORS[walks.indexOf(walk) % COLORS.length];
    const line = walk.geometry.coordinates.map(([lon, lat]) => [lat, lon]);
    bounds.push(...line);
    if (line.length > 1)
      L.polyline(line, { color, weight: 4, opacity: 0.8, className: 'walk-track' })
        .bindTooltip(`${walk.properties.area_name} ${walk.properties.date}`)
        .addTo(layer);
    for (const stop of stopsOf(geojson, walk.properties.walk_id)) {
      const [lon, lat] = stop.geometry.coordinates;
      bounds.push([lat, lon]);
      const marker = L.circleMarker([lat, lon], {
        radius: 11, color: '#fff', weight: 2, fillColor: color, fillOpacity: 0.95,
        className: `walk-stop walk-stop-${stop.properties.number}`,
      })
        .bindPopup(() => popupFor(stop.properties), { maxWidth: 320 })
        .bindTooltip(String(stop.properties.number), { permanent: true, direction: 'center', className: 'stop-label' })
        .addTo(layer);
      const label = `${t('walks.stopTitle', { n: stop.properties.number })}, ${walk.properties.area_name} ${walk.properties.date}`;
      keyboardMarker(marker, label)?.setAttribute('data-observation', stop.properties.id);
    }
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 17 });
  setTimeout(() => map.invalidateSize(), 0);
}

function render() {
  const root = view();
  if (!geojson || root.hidden) return;
  if (!root.firstChild) {
    root.append(
      el('section', { className: 'card' }, [
        el('h2', { attrs: { id: 'walks-heading' } }),
        el('table', { className: 'data', attrs: { id: 'walk-table' } }),
      ]),
      el('section', { className: 'card' }, [
        el('div', { className: 'map walk-map', attrs: { id: 'walk-map' } }),
        el('p', { className: 'note', attrs: { id: 'walks-legend' } }),
      ]),
    );
  }
  document.getElementById('walks-heading').textContent = t('walks.heading');
  document.getElementById('walks-legend').textContent = t('walks.legend');
  const table = document.getElementById('walk-table');
  clear(table);
  table.append(
    el('thead', {}, [
      el('tr', {}, ['walks.date', 'walks.area', 'walks.participants', 'walks.stops', 'walks.length', 'walks.reportColumn'].map((k) => el('th', { text: t(k) }))),
    ]),
  );
  const body = el('tbody');
  for (const walk of walksOf(geojson)) {
    const p = walk.properties;
    body.append(
      el('tr', { attrs: { 'data-walk': p.walk_id } }, [
        el('td', { text: p.date }),
        el('td', { text: `${p.area_name} (${p.locality})` }),
        el('td', { text: number(totalParticipants(p.participants)) }),
        el('td', { text: number(p.stops) }),
        el('td', { text: `${number(p.length_m / 1000, 2)} km` }),
        el('td', {}, [reportLink(p.walk_id, t('walks.report'))]),
      ]),
    );
  }
  if (!body.firstChild) body.append(el('tr', {}, [el('td', { text: t('walks.none'), attrs: { colspan: '6' } })]));
  table.append(body);
  stackTable(table);
  drawMap(document.getElementById('walk-map'));
  root.dataset.loaded = 'true';
}

async function load() {
  try {
    hooks.setStatus('walks.loading');
    geojson = await getJson('/api/v1/walks');
    render();
    hooks.setStatus('walks.loaded', { n: walksOf(geojson).length });
  } catch (err) {
    hooks.onError(err);
  }
}

export function initWalks(options) {
  hooks = { ...hooks, ...options };
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'walks-view') load();
  });
  document.addEventListener('td:language', render);
}
