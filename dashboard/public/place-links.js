// The Platser view's list of place mentions that name no registry place: survey answers that
// describe a place in words or mark a point on the map, and walk observations made away from
// registry places. A coordinator links one to a registry place ("Koppla till plats"), after
// which the lägesbild counts it there, or removes the link. The answers themselves never
// change: a link is its own record on the server.

import { ApiError, getJson, sendJson, sendText } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { clear, el } from './dom.js';
import { number, t } from './i18n.js';

let hooks = { setStatus: () => {}, onError: () => {} };
let mentions = [];
let truncated = false;
let loaded = false;
let onlyUnlinked = true;
let registry = []; // the places as the Platser view loaded them
let box = null;

const keyOf = (m) => (m.kind === 'observation' ? m.observation_id : `${m.response_id}/${m.question_id}/${m.index}`);
const placeName = (id) => registry.find((p) => p.id === id)?.name || id;

async function load() {
  const body = await getJson('/api/v1/place-mentions');
  mentions = body.mentions.sort((a, b) => b.date.localeCompare(a.date) || keyOf(a).localeCompare(keyOf(b)));
  truncated = body.truncated;
  loaded = true;
  draw();
}

// What the mention says: the resident's words, else the point it marks.
function whatText(m) {
  const words = m.text ? m.text : '';
  const point = m.position ? t('placeLinks.point', { position: `${m.position.lat.toFixed(5)}, ${m.position.lon.toFixed(5)}` }) : '';
  return [words, point].filter(Boolean).join(' · ') || t('placeLinks.noText');
}

async function link(m) {
  const select = el('select', { attrs: { id: 'place-link-place' } });
  const sorted = [...registry].sort((a, b) => a.locality.localeCompare(b.locality, 'sv') || a.name.localeCompare(b.name, 'sv'));
  for (const p of sorted) {
    select.append(new Option(p.retired_at ? t('placeLinks.retiredOption', { place: p.name, locality: p.locality }) : `${p.name} (${p.locality})`, p.id));
  }
  const ok = await confirmDialog({
    id: 'place-link-dialog',
    title: t('placeLinks.linkTitle'),
    paragraphs: [t('placeLinks.linkText', { what: whatText(m), date: m.date })],
    fields: [el('label', { className: 'field', attrs: { for: 'place-link-place' } }, [el('span', { text: t('placeLinks.place') })]), select],
    confirmLabel: t('placeLinks.linkConfirm'), cancelLabel: t('places.cancel'),
  });
  if (!ok) return;
  const body = m.kind === 'observation'
    ? { observation_id: m.observation_id, place_id: select.value }
    : { response_id: m.response_id, question_id: m.question_id, index: m.index, place_id: select.value };
  try {
    await sendJson('POST', '/api/v1/place-links', body);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 409 || err.status === 422)) {
      hooks.setStatus('placeLinks.refused', { message: err.message }, true);
      await load();
      return;
    }
    hooks.onError(err);
    return;
  }
  const at = rowIndex(m);
  await load();
  hooks.setStatus('placeLinks.linked', { place: placeName(select.value) });
  focusAfter(m, at);
}

async function unlink(m) {
  try {
    await sendText('DELETE', `/api/v1/place-links/${encodeURIComponent(m.link.id)}`, '', 'text/plain');
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404)) {
      hooks.onError(err);
      return;
    }
  }
  const at = rowIndex(m);
  await load();
  hooks.setStatus('placeLinks.unlinked', { place: placeName(m.link.place_id) });
  focusAfter(m, at);
}

function rowIndex(m) {
  return [...document.querySelectorAll('#place-mentions-table tbody tr')].findIndex((r) => r.dataset.mention === keyOf(m));
}

// Focus stays with the mention's row, or, when the row has left the list (linked while only
// unlinked ones are shown), goes to the row now in its place, else to the list's heading.
function focusAfter(m, at) {
  const rows = [...document.querySelectorAll('#place-mentions-table tbody tr')];
  const row = rows.find((r) => r.dataset.mention === keyOf(m)) || rows[Math.min(at, rows.length - 1)];
  const button = row?.querySelector('button');
  if (button) button.focus();
  else document.getElementById('place-mentions-heading')?.focus();
}

function action(label, className, m, onClick) {
  const b = el('button', { className, text: label, attrs: { type: 'button', 'aria-label': `${label}: ${whatText(m)} (${m.date})` } });
  b.addEventListener('click', onClick);
  return b;
}

function mentionRow(m) {
  return el('tr', { attrs: { 'data-mention': keyOf(m) } }, [
    el('td', { text: m.date, attrs: { 'data-label': t('placeLinks.date') } }),
    el('td', { text: t(m.kind === 'observation' ? 'placeLinks.fromWalk' : 'placeLinks.fromSurvey'), attrs: { 'data-label': t('placeLinks.source') } }),
    el('td', { className: 'mention-text', text: whatText(m), attrs: { 'data-label': t('placeLinks.what') } }),
    el('td', { className: 'mention-link', text: m.link ? placeName(m.link.place_id) : t('placeLinks.notLinked'), attrs: { 'data-label': t('placeLinks.place') } }),
    el('td', {}, [el('div', { className: 'row-actions' }, [
      m.link
        ? action(t('placeLinks.unlink'), 'secondary unlink-mention', m, () => unlink(m))
        : action(t('placeLinks.link'), 'link-mention', m, () => link(m)),
    ])]),
  ]);
}

function draw() {
  if (!box) return;
  clear(box);
  const shown = mentions.filter((m) => !onlyUnlinked || !m.link);
  const unlinkedCount = mentions.filter((m) => !m.link).length;
  const toggle = el('input', { attrs: { type: 'checkbox', id: 'place-mentions-unlinked' } });
  toggle.checked = onlyUnlinked;
  toggle.addEventListener('change', () => { onlyUnlinked = toggle.checked; draw(); });
  const heads = ['placeLinks.date', 'placeLinks.source', 'placeLinks.what', 'placeLinks.place', 'places.actions'];
  box.append(
    el('h2', { text: t('placeLinks.heading'), attrs: { id: 'place-mentions-heading', tabindex: '-1' } }),
    el('p', { className: 'note', text: t('placeLinks.intro', { n: number(unlinkedCount) }) }),
    el('div', { className: 'places-tools' }, [toggle, el('label', { attrs: { for: 'place-mentions-unlinked' }, text: t('placeLinks.onlyUnlinked') })]),
    ...(truncated ? [el('p', { className: 'note', text: t('placeLinks.truncated') })] : []),
    el('div', { className: 'table-scroll' }, [
      el('table', { className: 'data stack', attrs: { id: 'place-mentions-table', 'aria-labelledby': 'place-mentions-heading' } }, [
        el('thead', {}, [el('tr', {}, heads.map((k) => el('th', { text: t(k), attrs: { scope: 'col' } })))]),
        el('tbody', {}, shown.length ? shown.map(mentionRow)
          : [el('tr', {}, [el('td', { text: t(loaded ? 'placeLinks.none' : 'placeLinks.loading'), attrs: { colspan: String(heads.length) } })])]),
      ]),
    ]),
  );
}

// The section for the Platser view, drawn with the registry it has loaded.
export function mentionsSection(places) {
  registry = places;
  if (!box) box = el('section', { className: 'card place-mentions', attrs: { id: 'place-mentions', 'aria-labelledby': 'place-mentions-heading' } });
  draw();
  return box;
}

// Loads the mentions whenever the Platser view is shown.
export function initPlaceLinks({ setStatus, onError }) {
  hooks = { setStatus, onError };
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'places-view') load().catch((err) => hooks.onError(err));
  });
}
