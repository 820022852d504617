// The Leaflet map of unsafe places. Tiles come from config.json's tileUrl when set; without
// reachable tiles the clusters and mentions still show as circle markers with popups.

import { el } from './dom.js';
import { localized, number, t } from './i18n.js';

let map = null;
let layer = null;

function popupFor(props) {
  const title = props.place_name || t('map.unnamed');
  const box = el('div', { className: 'popup' }, [
    el('strong', { text: `${t('map.cluster', { rank: props.rank })}: ${title}` }),
    el('div', { text: t('map.mentions', { n: number(props.survey_mentions) }) }),
    el('div', { text: t('map.observations', { n: number(props.observations) }) }),
  ]);
  if (props.severity !== null && props.severity !== undefined)
    box.append(el('div', { text: t('map.severity', { value: number(props.severity, 2) }) }));
  const times = Object.entries(props.times_of_day || {})
    .filter(([, n]) => n > 0)
    .map(([time, n]) => `${t(`time.${time}`)} ${n}`);
  if (times.length) box.append(el('div', { text: `${t('map.times')}: ${times.join(', ')}` }));
  const reasons = (props.reasons || [])
    .slice(0, 5)
    .map((r) => `${localized(r.label) || r.id.replaceAll('_', ' ')} ${r.count}`);
  if (reasons.length) box.append(el('div', { text: `${t('map.reasons')}: ${reasons.join(', ')}` }));
  return box;
}

// Makes a circle marker already on the map reachable by keyboard: a focusable button named
// `label`; Enter or Space opens its popup with focus on the popup's first control (or its
// text), and Escape closes it with focus back on the marker. Returns the marker's element.
export function keyboardMarker(marker, label) {
  const node = marker.getElement();
  if (!node) return null;
  node.setAttribute('tabindex', '0');
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', label);
  let byKeyboard = false;
  node.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    byKeyboard = true;
    marker.openPopup();
  });
  marker.on('popupopen', ({ popup }) => {
    const box = popup.getElement();
    if (!byKeyboard || !box) return;
    box.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') marker.closePopup();
    });
    const content = box.querySelector('.leaflet-popup-content');
    const first = box.querySelector('.leaflet-popup-content button, .leaflet-popup-content a[href]');
    if (!first) content.setAttribute('tabindex', '-1');
    (first || content).focus();
  });
  marker.on('popupclose', ({ popup }) => {
    const active = document.activeElement;
    if (byKeyboard && (active === document.body || popup.getElement()?.contains(active))) node.focus();
    byKeyboard = false;
  });
  return node;
}

export function renderMap(container, geojson, config) {
  if (!map) {
    map = L.map(container, { preferCanvas: false }).setView(config.center || [64.2, 19.72], config.zoom || 13);
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, {
        attribution: config.tileAttribution || '',
        maxZoom: 19,
      }).addTo(map);
    }
  }
  if (layer) layer.remove();
  layer = L.layerGroup().addTo(map);
  const bounds = [];
  // Mentions underneath, then clusters from the last rank up so the first lies on top.
  const order = (f) => (f.properties.kind === 'cluster' ? 1e6 - f.properties.rank : -1);
  const features = [...geojson.features].sort((a, b) => order(a) - order(b));
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    bounds.push([lat, lon]);
    if (p.kind === 'cluster') {
      const total = p.survey_mentions + p.observations;
      const marker = L.circleMarker([lat, lon], {
        radius: 8 + 3 * Math.sqrt(total),
        color: '#8a1c1c',
        weight: 2,
        fillColor: '#d9442b',
        fillOpacity: 0.45,
        className: `cluster-marker cluster-${p.rank}`,
      });
      marker.bindPopup(popupFor(p));
      marker.bindTooltip(String(p.rank), { permanent: true, direction: 'center', className: 'cluster-label' });
      marker.addTo(layer);
      keyboardMarker(marker, `${t('map.cluster', { rank: p.rank })}: ${p.place_name || t('map.unnamed')}`);
    } else {
      L.circleMarker([lat, lon], { radius: 3, color: '#1f5f99', weight: 1, fillOpacity: 0.8, className: 'mention-marker' })
        .bindPopup(el('div', { text: t('map.mention', { n: number(p.count) }) }))
        .addTo(layer);
    }
  }
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
  setTimeout(() => map.invalidateSize(), 0);
}
