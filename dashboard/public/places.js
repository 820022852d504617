// The dashboard's "Platser" view: the place registry that officers pick from on safety walks
// and residents name in surveys, on a Leaflet map and in a table. A coordinator adds a place
// ("Ny plats", then a click on the map or typed coordinates), moves one by dragging its marker
// or by editing its coordinates in the form (the no-pointer way), and renames or edits it.
// A place no longer wanted is retired ("Avveckla", after a confirmation): it stays in the
// registry, shown as retired, so that what already names it keeps counting, but the apps and
// the web survey no longer offer it; "Återinför" puts it back in service.
//
// Every save is checked against the version this view loaded: when the place has changed on
// the server since, nothing is written, the conflict is said at the top of the view and the
// registry is loaded again (a 412 stale_revision or 409 answer from the server is treated the
// same way).

import { ApiError, getJson, getJsonTagged, sendJson } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { clear, el } from './dom.js';
import { number, t } from './i18n.js';
import { initPlaceLinks, mentionsSection } from './place-links.js';

// The kinds the registry and the apps know, in the order the form offers them.
const KINDS = ['bus_stop', 'station', 'park', 'parking', 'school', 'sports_ground', 'community_hall',
  'underpass', 'street', 'square', 'shop', 'other'];
const FIELDS = ['name', 'locality', 'id', 'kind', 'aliases', 'lat', 'lon']; // in the form's order
const ID_FIELDS = ['id', 'locality', 'kind'];
const DECIMALS = 6; // about 0.1 m

let hooks = { setStatus: () => {}, onError: () => {}, config: {} };
let places = []; // as loaded: what every save is checked against
let loaded = false;
let mode = null; // null, 'new' or 'edit'
let draft = {}; // the form's values as typed
let idTouched = false; // a new place's id follows its name until the id is typed
let fieldErrors = {};
let formError = '';
let conflict = null; // { name } of the place whose save was refused
let shownLocality = ''; // the map and table show one locality, or all when ''
let shownStatus = 'all'; // 'all', 'active' (in service) or 'retired'
let map = null;
let mapBox = null;
let layer = null;
let draftMarker = null;
const markers = new Map();

const view = () => document.getElementById('places-view');
const placePath = (id) => `/api/v1/places/${encodeURIComponent(id)}`;
const round = (x) => Math.round(x * 10 ** DECIMALS) / 10 ** DECIMALS;
const kindLabel = (kind) => (KINDS.includes(kind) ? t(`places.kind.${kind}`) : kind);
const positionText = (p) => `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}`;
const STATUSES = ['all', 'active', 'retired'];
const statusMatches = (p) => shownStatus === 'all' || (shownStatus === 'retired') === Boolean(p.retired_at);
const shown = () => places.filter((p) => (!shownLocality || p.locality === shownLocality) && statusMatches(p));
const retiredDate = (p) => String(p.retired_at).slice(0, 10);

// Whether two places say the same (aliases absent and empty alike).
function samePlace(a, b) {
  const norm = (p) => JSON.stringify([p.id, p.name, p.locality, p.kind, p.lat, p.lon, p.aliases || [], p.retired_at || null]);
  return norm(a) === norm(b);
}

// A place id from its name and locality: ASCII letters, digits and underscores, unique.
function suggestedId(name, locality) {
  const base = `${locality || ''} ${name || ''}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 56);
  if (!base) return '';
  let id = base;
  for (let n = 2; places.some((p) => p.id === id); ++n) id = `${base}_${n}`;
  return id;
}

// Reads a coordinate as typed, with a decimal point or comma; NaN when it is not a number.
function coordinate(text) {
  const s = String(text ?? '').trim().replace(',', '.');
  return /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
}

async function load() {
  const first = !loaded;
  const body = await getJson('/api/v1/places');
  places = body.places.sort((a, b) => a.locality.localeCompare(b.locality, 'sv') || a.name.localeCompare(b.name, 'sv'));
  if (shownLocality && !places.some((p) => p.locality === shownLocality)) shownLocality = '';
  loaded = true;
  render();
  if (first) hooks.setStatus('places.loaded', { n: number(places.length) });
}

function showLocality(locality) {
  shownLocality = locality;
  render();
  fitAll();
}

function showStatus(status) {
  shownStatus = status;
  render();
  fitAll();
}

function openNew() {
  mode = 'new';
  draft = { id: '', name: '', locality: '', kind: 'other', aliases: '', lat: '', lon: '' };
  idTouched = false;
  fieldErrors = {};
  formError = '';
  render();
  hooks.setStatus('places.clickMap');
  document.getElementById('place-name')?.focus();
}

function openEdit(place, focus = true) {
  mode = 'edit';
  draft = { ...place, aliases: (place.aliases || []).join('\n'), lat: String(place.lat), lon: String(place.lon) };
  fieldErrors = {};
  formError = '';
  render();
  // The place's marker in sight, without moving the page away from the form.
  if (shownLocality && place.locality !== shownLocality) showLocality(place.locality);
  if (!map.getBounds().contains([place.lat, place.lon])) map.setView([place.lat, place.lon], Math.max(map.getZoom(), 15), { animate: false });
  if (focus) document.getElementById('place-name')?.focus();
}

function closeForm() {
  mode = null;
  draft = {};
  fieldErrors = {};
  formError = '';
  render();
}

// The place the form describes, or null after marking what is missing or not a number.
function placeFromDraft() {
  fieldErrors = {};
  const place = {
    id: String(draft.id || '').trim(),
    name: String(draft.name || '').trim(),
    locality: String(draft.locality || '').trim(),
    kind: draft.kind,
    lat: coordinate(draft.lat),
    lon: coordinate(draft.lon),
    aliases: String(draft.aliases || '').split('\n').map((a) => a.trim()).filter(Boolean),
  };
  for (const f of ['id', 'name', 'locality']) if (!place[f]) fieldErrors[f] = t('places.required');
  for (const f of ['lat', 'lon']) {
    if (String(draft[f] ?? '').trim() === '') fieldErrors[f] = t(mode === 'new' ? 'places.clickOrType' : 'places.required');
    else if (Number.isNaN(place[f])) fieldErrors[f] = t('places.notNumber');
  }
  if (Object.keys(fieldErrors).length) return null;
  place.lat = round(place.lat);
  place.lon = round(place.lon);
  return place;
}

// The issues of a refusal, each with its path: a validation answer lists them; a body the
// decoder refused names one, in `path` or as the "path: " its message starts with.
function issuesOf(err) {
  if (err.issues?.length) return err.issues;
  const prefix = /^([a-z_]+(?:\[\d+\])?): (.*)$/s.exec(err.message || '');
  if (err.path) return [{ path: err.path, code: err.code, message: prefix ? prefix[2] : err.message }];
  return prefix ? [{ path: prefix[1], code: err.code, message: prefix[2] }] : [];
}

// The server's refusal at the fields it names (422 issues with paths, 409 already_exists).
function showRefusal(err) {
  fieldErrors = {};
  formError = '';
  const issues = issuesOf(err);
  for (const issue of issues) {
    const field = String(issue.path || '').split(/[./[]/)[0];
    // The decoder's names for what the validator calls invalid_id and position_out_of_range.
    let code = issue.code;
    if (code === 'invalid_format' && ID_FIELDS.includes(field)) code = 'invalid_id';
    if (code === 'out_of_range' && (field === 'lat' || field === 'lon')) code = 'position_out_of_range';
    const known = ['invalid_id', 'blank_text', 'text_too_long', 'position_out_of_range', 'duplicate_id'];
    const message = known.includes(code) ? t(`places.issue.${code}`) : issue.message;
    if (FIELDS.includes(field) && !fieldErrors[field]) fieldErrors[field] = message;
    else formError = message;
  }
  if (err.code === 'already_exists') fieldErrors.id = t('places.issue.already_exists');
  else if (!issues.length) formError = err.message;
  render();
  const first = FIELDS.find((f) => fieldErrors[f]);
  document.getElementById(first ? `place-${first}` : 'place-form-error')?.focus();
}

// The refused save of a place changed meanwhile: said at the top of the view, then the view
// shows the registry as it is now (an open form takes the place's current values).
async function showConflict(name) {
  conflict = { name };
  hooks.setStatus('places.conflictStatus', { place: name }, true);
  await load();
  const current = places.find((p) => p.id === draft.id);
  if (mode === 'edit' && current) openEdit(current, false);
  document.getElementById('places-conflict')?.focus();
}

// Retires `place` (or reinstates it when `retire` is false) after a confirmation, at the
// revision this view loaded: a place changed meanwhile is a conflict, as for an edit.
async function setRetired(place, retire) {
  const key = retire ? 'retire' : 'reinstate';
  const ok = await confirmDialog({
    id: `${key}-place-dialog`,
    title: t(`places.${key}Title`, { place: place.name }),
    paragraphs: [t(`places.${key}Text`)],
    confirmLabel: t(`places.${key}Confirm`), cancelLabel: t('places.cancel'),
  });
  if (!ok) return;
  conflict = null;
  try {
    const { body: current, etag } = await getJsonTagged(placePath(place.id));
    if (!samePlace(place, current)) {
      await showConflict(place.name);
      return;
    }
    await sendJson('POST', `${placePath(place.id)}/${key}`, {}, etag ? { 'If-Match': etag } : {});
  } catch (err) {
    if (err instanceof ApiError && (err.status === 409 || err.status === 412)) {
      await showConflict(place.name);
      return;
    }
    hooks.onError(err);
    return;
  }
  await load();
  if (mode === 'edit' && draft.id === place.id) openEdit(places.find((p) => p.id === place.id) || place, false);
  hooks.setStatus(retire ? 'places.retired' : 'places.reinstated', { place: place.name });
  document.querySelector(`#places-table tr[data-place="${CSS.escape(place.id)}"] .${retire ? 'reinstate' : 'retire'}-place`)?.focus();
}

// Saves `place` (new or changed) and answers whether it was written.
async function save(place, isNew) {
  conflict = null;
  try {
    if (isNew) {
      await sendJson('POST', '/api/v1/places', place);
    } else {
      const seen = places.find((p) => p.id === place.id);
      // The revision read here goes with the write: the server refuses it (412) if another
      // writer came in between.
      const { body: current, etag } = await getJsonTagged(placePath(place.id));
      if (!seen || !samePlace(seen, current)) {
        await showConflict(seen?.name || place.name);
        return false;
      }
      await sendJson('PUT', placePath(place.id), place, etag ? { 'If-Match': etag } : {});
    }
    return true;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 409 || err.status === 412) && !isNew) {
      await showConflict(place.name);
      return false;
    }
    if (err instanceof ApiError && (err.status === 422 || err.status === 400 || err.status === 409)) {
      showRefusal(err);
      return false;
    }
    hooks.onError(err);
    return false;
  }
}

async function submit() {
  const place = placeFromDraft();
  if (!place) {
    render();
    document.getElementById(`place-${FIELDS.find((f) => fieldErrors[f])}`)?.focus();
    return;
  }
  const isNew = mode === 'new';
  if (!(await save(place, isNew))) return;
  if (shownLocality && shownLocality !== place.locality) shownLocality = place.locality;
  await load();
  openEdit(places.find((p) => p.id === place.id) || place, false);
  hooks.setStatus(isNew ? 'places.created' : 'places.saved', { place: place.name });
}

// A marker dropped somewhere else: the place's new position, saved at once.
async function moved(place, latlng) {
  const next = { ...place, lat: round(latlng.lat), lon: round(latlng.lng) };
  const editing = mode === 'edit' && draft.id === place.id;
  if (!(await save(next, false))) {
    render(); // the marker goes back to where the registry has the place
    const why = formError || Object.values(fieldErrors)[0];
    if (why && !editing) hooks.setStatus('places.moveRefused', { place: place.name, message: why }, true);
    return;
  }
  await load();
  if (editing) {
    draft.lat = String(next.lat);
    draft.lon = String(next.lon);
    render();
  }
  hooks.setStatus('places.moved', { place: place.name, position: positionText(next) });
}

// ---- the map ----

function markerIcon(className) {
  return L.divIcon({ className: `place-marker ${className}`, iconSize: [26, 26], iconAnchor: [13, 13] });
}

function setDraftPosition(lat, lon) {
  draft.lat = String(round(lat));
  draft.lon = String(round(lon));
  delete fieldErrors.lat;
  delete fieldErrors.lon;
  render();
}

function drawMap() {
  if (!map) {
    // The first view is set without animation: a zoom still running would undo a later one.
    map = L.map(mapBox);
    if (places.length) fitAll();
    else map.setView(hooks.config.center || [64.2, 19.72], hooks.config.zoom || 13, { animate: false });
    if (hooks.config.tileUrl)
      L.tileLayer(hooks.config.tileUrl, { attribution: hooks.config.tileAttribution || '', maxZoom: 19 }).addTo(map);
    map.on('click', (event) => {
      if (mode === 'new') setDraftPosition(event.latlng.lat, event.latlng.lng);
    });
    layer = L.layerGroup().addTo(map);
  }
  mapBox.classList.toggle('placing', mode === 'new');
  mapBox.setAttribute('aria-label', t('places.mapLabel'));
  layer.clearLayers();
  markers.clear();
  for (const p of shown()) {
    const editing = mode === 'edit' && draft.id === p.id;
    // While the form edits a place, its marker shows the typed position.
    const lat = editing && !Number.isNaN(coordinate(draft.lat)) ? coordinate(draft.lat) : p.lat;
    const lon = editing && !Number.isNaN(coordinate(draft.lon)) ? coordinate(draft.lon) : p.lon;
    const marker = L.marker([lat, lon], {
      icon: markerIcon(`place-${p.id}${editing ? ' selected' : ''}${p.retired_at ? ' retired' : ''}`),
      draggable: true, autoPan: true, keyboard: true, zIndexOffset: editing ? 1000 : 0,
      title: t(p.retired_at ? 'places.retiredMarkerTitle' : 'places.markerTitle', { place: p.name }),
    });
    // With one locality shown its few places are named on the map; with all, on hover.
    marker.bindTooltip(el('span', { text: p.name }), {
      direction: 'top', offset: [0, -12], permanent: shownLocality !== '', className: 'place-label',
    });
    marker.on('click', () => openEdit(p));
    marker.on('dragend', () => moved(p, marker.getLatLng()));
    marker.addTo(layer);
    markers.set(p.id, marker);
  }
  const lat = coordinate(draft.lat);
  const lon = coordinate(draft.lon);
  if (mode === 'new' && !Number.isNaN(lat) && !Number.isNaN(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
    draftMarker = L.marker([lat, lon], {
      icon: markerIcon('place-new'), draggable: true, keyboard: false, title: t('places.newMarker'),
    }).addTo(layer);
    draftMarker.on('dragend', () => {
      const at = draftMarker.getLatLng();
      setDraftPosition(at.lat, at.lng);
    });
  } else draftMarker = null;
  setTimeout(() => map.invalidateSize(), 0);
}

function fitAll() {
  const list = shown().length ? shown() : places;
  if (list.length) map.fitBounds(list.map((p) => [p.lat, p.lon]), { padding: [30, 30], maxZoom: 16, animate: false });
}

function showOnMap(p) {
  map.setView([p.lat, p.lon], Math.max(map.getZoom(), 16), { animate: false });
  mapBox.scrollIntoView({ block: 'nearest' });
}

// ---- the form and the table ----

function field(name, label, control, hint) {
  const error = fieldErrors[name];
  const ids = [hint ? `place-${name}-hint` : '', error ? `place-${name}-error` : ''].filter(Boolean).join(' ');
  control.id = `place-${name}`;
  control.name = name;
  if (ids) control.setAttribute('aria-describedby', ids);
  if (error) control.setAttribute('aria-invalid', 'true');
  control.addEventListener('input', () => {
    draft[name] = control.value;
    if (name === 'id') idTouched = true;
    if (mode === 'new' && !idTouched && (name === 'name' || name === 'locality')) {
      draft.id = suggestedId(draft.name, draft.locality);
      document.getElementById('place-id').value = draft.id;
    }
  });
  if (name === 'lat' || name === 'lon') control.addEventListener('change', () => drawMap());
  if (control.tagName !== 'SELECT') control.value = draft[name] ?? '';
  return el('div', { className: `field place-field-${name}${error ? ' has-issue' : ''}` }, [
    el('label', { text: label, attrs: { for: control.id } }),
    control,
    hint ? el('p', { className: 'note field-hint', text: hint, attrs: { id: `place-${name}-hint` } }) : null,
    error ? el('p', { className: 'field-error', text: error, attrs: { id: `place-${name}-error` } }) : null,
  ]);
}

function input(attrs = {}) {
  return el('input', { attrs: { type: 'text', autocomplete: 'off', ...attrs } });
}

function kindSelect() {
  const select = el('select');
  const kinds = KINDS.includes(draft.kind) || !draft.kind ? KINDS : [...KINDS, draft.kind];
  for (const k of kinds) select.append(new Option(kindLabel(k), k));
  select.value = draft.kind || 'other';
  return select;
}

function formSection() {
  const isNew = mode === 'new';
  const title = isNew ? t('places.newHeading') : t('places.editHeading', { place: places.find((p) => p.id === draft.id)?.name || draft.name });
  const localities = el('datalist', { attrs: { id: 'place-localities' } },
    [...new Set(places.map((p) => p.locality))].map((l) => el('option', { attrs: { value: l } })));
  const aliases = el('textarea', { attrs: { rows: '3' } });
  const form = el('form', { className: 'place-form', attrs: { id: 'place-form', novalidate: '' } }, [
    isNew ? el('p', { className: 'note place-instruction', text: t('places.newInstruction') }) : null,
    field('name', t('places.name'), input({ maxlength: '200' })),
    field('locality', t('places.locality'), input({ list: 'place-localities', spellcheck: 'false' }), t('places.localityHint')),
    field('id', t('places.id'), input(isNew ? { spellcheck: 'false', maxlength: '64' } : { readonly: '' }), isNew ? t('places.idHint') : t('places.idFixed')),
    field('kind', t('places.kind'), kindSelect()),
    field('aliases', t('places.aliases'), aliases, t('places.aliasesHint')),
    el('fieldset', { className: 'place-position' }, [
      el('legend', { text: t('places.position') }),
      field('lat', t('places.lat'), input({ inputmode: 'decimal', spellcheck: 'false' })),
      field('lon', t('places.lon'), input({ inputmode: 'decimal', spellcheck: 'false' })),
      el('p', { className: 'note', text: t(isNew ? 'places.positionHintNew' : 'places.positionHint') }),
    ]),
    localities,
    el('p', { className: 'error', text: formError, attrs: { id: 'place-form-error', role: 'alert', tabindex: '-1', ...(formError ? {} : { hidden: '' }) } }),
    el('div', { className: 'place-actions' }, [
      el('button', { text: t(isNew ? 'places.create' : 'places.save'), attrs: { type: 'submit', id: 'place-save' } }),
      el('button', { className: 'secondary', text: t('places.cancel'), attrs: { type: 'button', id: 'place-cancel' } }),
    ]),
  ]);
  form.addEventListener('submit', (event) => { event.preventDefault(); submit(); });
  form.querySelector('#place-cancel').addEventListener('click', closeForm);
  return el('section', { className: 'place-panel', attrs: { 'aria-labelledby': 'place-form-heading' } }, [
    el('h3', { text: title, attrs: { id: 'place-form-heading' } }), form,
  ]);
}

function idlePanel() {
  return el('section', { className: 'place-panel idle' }, [
    el('h3', { text: t('places.idleHeading') }),
    el('p', { text: t('places.idle') }),
    el('p', { className: 'note', text: t('places.keyboardHint') }),
  ]);
}

function rowAction(label, className, place, onClick) {
  const b = el('button', { className, text: label, attrs: { type: 'button', 'aria-label': `${label}: ${place.name}` } });
  b.addEventListener('click', onClick);
  return b;
}

function placeRow(p) {
  const classes = [mode === 'edit' && draft.id === p.id ? 'selected' : '', p.retired_at ? 'retired' : ''].filter(Boolean).join(' ');
  return el('tr', { attrs: { 'data-place': p.id }, className: classes }, [
    el('th', { attrs: { scope: 'row' } }, [
      el('div', { className: 'place-name', text: p.name }), el('code', { className: 'place-id', text: p.id }),
      p.retired_at ? el('span', { className: 'retired-tag', text: t('places.retiredOn', { date: retiredDate(p) }) }) : null,
    ]),
    el('td', { text: kindLabel(p.kind), attrs: { 'data-label': t('places.kind') } }),
    el('td', { text: p.locality, attrs: { 'data-label': t('places.locality') } }),
    el('td', { className: 'place-aliases', text: (p.aliases || []).join(', ') || '–', attrs: { 'data-label': t('places.aliases') } }),
    el('td', { className: 'place-position-cell', text: positionText(p), attrs: { 'data-label': t('places.position') } }),
    el('td', {}, [el('div', { className: 'row-actions' }, [
      rowAction(t('places.edit'), 'edit-place', p, () => openEdit(p)),
      rowAction(t('places.showOnMap'), 'secondary show-place', p, () => showOnMap(p)),
      p.retired_at
        ? rowAction(t('places.reinstate'), 'secondary reinstate-place', p, () => setRetired(p, false))
        : rowAction(t('places.retire'), 'secondary retire-place', p, () => setRetired(p, true)),
    ])]),
  ]);
}

function render() {
  const root = view();
  if (!loaded) return;
  // The map's box outlives the redraws (Leaflet keeps its state in it).
  if (!mapBox) mapBox = el('div', { className: 'map places-map', attrs: { id: 'places-map', role: 'region' } });
  mapBox.remove();
  clear(root);
  const newButton = el('button', { text: t('places.new'), attrs: { type: 'button', id: 'new-place' } });
  newButton.addEventListener('click', openNew);
  const counts = new Map();
  for (const p of places) counts.set(p.locality, (counts.get(p.locality) || 0) + 1);
  const filter = el('select', { attrs: { id: 'places-locality' } }, [
    new Option(t('places.allLocalities', { n: number(places.length) }), ''),
    ...[...counts].map(([l, n]) => new Option(`${l} (${number(n)})`, l)),
  ]);
  filter.value = shownLocality;
  filter.addEventListener('change', () => showLocality(filter.value));
  const retiredCount = places.filter((p) => p.retired_at).length;
  const statusFilter = el('select', { attrs: { id: 'places-status' } }, STATUSES.map((s) => new Option(
    t(`places.status.${s}`, { n: number(s === 'all' ? places.length : s === 'retired' ? retiredCount : places.length - retiredCount) }), s)));
  statusFilter.value = shownStatus;
  statusFilter.addEventListener('change', () => showStatus(statusFilter.value));
  const heads = ['places.name', 'places.kind', 'places.locality', 'places.aliases', 'places.position', 'places.actions'];
  const mapHolder = el('div', { className: 'places-map-holder' }, [mapBox]);
  root.append(
    el('section', { className: 'card' }, [
      el('div', { className: 'places-head' }, [
        el('div', {}, [el('h2', { text: t('places.heading'), attrs: { id: 'places-heading' } }), el('p', { className: 'note', text: t('places.intro', { n: number(places.length) }) })]),
        el('div', { className: 'places-tools' }, [
          el('label', { attrs: { for: 'places-locality' }, text: t('places.showLocality') }), filter,
          el('label', { attrs: { for: 'places-status' }, text: t('places.showStatus') }), statusFilter, newButton,
        ]),
      ]),
      el('div', {
        className: 'conflict-box', text: conflict ? t('places.conflict', { place: conflict.name }) : '',
        attrs: { id: 'places-conflict', role: 'alert', tabindex: '-1', ...(conflict ? {} : { hidden: '' }) },
      }),
      el('div', { className: 'places-layout' }, [mapHolder, mode ? formSection() : idlePanel()]),
    ]),
    el('section', { className: 'card' }, [
      el('h2', { text: t('places.tableHeading'), attrs: { id: 'places-table-heading' } }),
      el('div', { className: 'table-scroll' }, [
        el('table', { className: 'data stack', attrs: { id: 'places-table', 'aria-labelledby': 'places-table-heading' } }, [
          el('thead', {}, [el('tr', {}, heads.map((k) => el('th', { text: t(k), attrs: { scope: 'col' } })))]),
          el('tbody', {}, shown().length ? shown().map(placeRow) : [el('tr', {}, [el('td', { text: t(places.length ? 'places.noneShown' : 'places.none'), attrs: { colspan: '6' } })])]),
        ]),
      ]),
    ]),
    mentionsSection(places),
  );
  drawMap();
  root.dataset.loaded = 'true';
}

// Wires the view to the dashboard: loads when shown, redraws on a language switch.
export function initPlaces({ setStatus, onError, config }) {
  hooks = { setStatus, onError, config: config || {} };
  initPlaceLinks({ setStatus, onError });
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'places-view') {
      conflict = null;
      load().catch((err) => hooks.onError(err));
    }
  });
  document.addEventListener('td:language', () => {
    if (!view().hidden) render();
  });
}
