// The dashboard's "Enheter" view: one-time enrolment codes for officers' and kiosk devices
// (the code as text and as a QR code of the enrolment link, which carries the server's address),
// and every enrolled device with its last sync, the records waiting on it and its app version,
// as the app reports them on each sync; a device is revoked after a confirmation.

import { getJson, sendJson } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { clear, el, keepFocus } from './dom.js';
import { number, t } from './i18n.js';

const LIFETIMES = [3600, 86400, 7 * 86400];

let hooks = { setStatus: () => {}, onError: () => {} };
let devices = [];
let lastCode = null; // the code just made: shown once, never stored

const view = () => document.getElementById('devices-view');

// åååå-mm-dd hh:mm in Swedish time, whatever the browser's locale.
export function dateTime(iso) {
  if (!iso) return '–';
  return new Date(iso).toLocaleString('sv-SE', {
    timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
}

async function load() {
  devices = (await getJson('/api/v1/devices')).devices
    .sort((a, b) => (a.revoked_at ? 1 : 0) - (b.revoked_at ? 1 : 0) || b.enrolled_at.localeCompare(a.enrolled_at));
  render();
}

async function makeCode(form) {
  const data = new FormData(form);
  try {
    lastCode = await sendJson('POST', `/api/v1/enrolment-codes?origin=${encodeURIComponent(location.origin)}`, {
      role: data.get('role'), expires_in_seconds: Number(data.get('lifetime')),
    });
    hooks.setStatus('devices.codeMade', { role: t(`devices.role.${lastCode.role}`) });
    render();
    document.getElementById('code-heading')?.focus();
  } catch (err) {
    hooks.onError(err);
  }
}

async function revoke(d) {
  const ok = await confirmDialog({
    id: 'revoke-dialog',
    title: t('devices.revokeTitle', { device: d.label || d.id }),
    paragraphs: [t('devices.revokeText')],
    confirmLabel: t('devices.revokeConfirm'), cancelLabel: t('devices.cancel'),
  });
  if (!ok) return;
  try {
    await sendJson('POST', `/api/v1/devices/${encodeURIComponent(d.id)}/revoke`, {});
    await load();
    hooks.setStatus('devices.revoked', { device: d.label || d.id });
  } catch (err) {
    hooks.onError(err);
  }
}

function codeForm() {
  const role = el('select', { attrs: { name: 'role' } }, ['officer', 'kiosk'].map((r) => new Option(t(`devices.role.${r}`), r)));
  const lifetime = el('select', { attrs: { name: 'lifetime' } }, LIFETIMES.map((s) => new Option(t(`devices.lifetime.${s}`), String(s))));
  lifetime.value = '86400';
  const form = el('form', { className: 'filters', attrs: { id: 'code-form' } }, [
    el('label', {}, [el('span', { text: t('devices.codeRole') }), role]),
    el('label', {}, [el('span', { text: t('devices.codeLifetime') }), lifetime]),
    el('button', { text: t('devices.makeCode'), attrs: { type: 'submit' } }),
  ]);
  form.addEventListener('submit', (event) => { event.preventDefault(); makeCode(form); });
  return form;
}

function codeResult() {
  if (!lastCode) return null;
  const box = el('div', { className: 'code-result', attrs: { id: 'code-result' } }, [
    el('h3', { text: t('devices.codeHeading', { role: t(`devices.role.${lastCode.role}`) }), attrs: { id: 'code-heading', tabindex: '-1' } }),
    el('p', { className: 'enrol-code', text: lastCode.code, attrs: { id: 'new-code' } }),
    el('p', { text: t('devices.codeExpires', { at: dateTime(lastCode.expires_at) }) }),
  ]);
  if (lastCode.link) {
    box.append(
      el('img', { className: 'code-qr', attrs: { id: 'code-qr', src: `data:image/svg+xml,${encodeURIComponent(lastCode.qr_svg)}`, alt: t('devices.qrAlt') } }),
      el('p', { text: t('devices.linkIntro') }),
      el('p', { className: 'enrol-link', text: lastCode.link, attrs: { id: 'code-link' } }),
    );
  }
  box.append(el('p', { className: 'note', text: t('devices.codeOnce') }));
  return box;
}

function deviceRow(d) {
  const name = d.label || d.id;
  const cells = [
    el('th', { attrs: { scope: 'row' } }, [el('div', { text: name }), el('div', { className: 'note', text: t(`devices.role.${d.role}`) })]),
    el('td', { text: dateTime(d.enrolled_at), attrs: { 'data-label': t('devices.enrolled') } }),
    el('td', { text: dateTime(d.last_sync_at), attrs: { 'data-label': t('devices.lastSync') } }),
    el('td', { text: d.pending === null || d.pending === undefined ? t('devices.notReported') : number(d.pending), attrs: { 'data-label': t('devices.pending') } }),
    el('td', { text: d.app_version || t('devices.notReported'), attrs: { 'data-label': t('devices.appVersion') } }),
    el('td', { text: d.revoked_at ? t('devices.revokedAt', { at: dateTime(d.revoked_at) }) : t('devices.active'), attrs: { 'data-label': t('devices.state') } }),
  ];
  const actions = el('td', { className: 'actions' });
  if (!d.revoked_at) {
    const b = el('button', { className: 'revoke', text: t('devices.revoke'), attrs: { type: 'button', 'aria-label': `${t('devices.revoke')}: ${name}` } });
    b.addEventListener('click', () => revoke(d));
    actions.append(b);
  }
  cells.push(actions);
  return el('tr', { attrs: { 'data-device': d.id } }, cells);
}

function render() {
  const root = view();
  const restoreFocus = keepFocus(root);
  clear(root);
  const keys = ['devices.device', 'devices.enrolled', 'devices.lastSync', 'devices.pending', 'devices.appVersion', 'devices.state', 'devices.actions'];
  root.append(
    el('section', { className: 'card' }, [
      el('h2', { text: t('devices.codesHeading') }),
      el('p', { className: 'note', text: t('devices.codesIntro') }),
      codeForm(),
      codeResult(),
    ]),
    el('section', { className: 'card' }, [
      el('h2', { text: t('devices.heading') }),
      el('p', { className: 'note', text: t('devices.intro') }),
      el('div', { className: 'table-scroll' }, [
        el('table', { className: 'data stack', attrs: { id: 'devices-table' } }, [
          el('thead', {}, [el('tr', {}, keys.map((k) => el('th', { text: t(k), attrs: { scope: 'col' } })))]),
          el('tbody', {}, devices.length ? devices.map(deviceRow) : [el('tr', {}, [el('td', { text: t('devices.none'), attrs: { colspan: '7' } })])]),
        ]),
      ]),
    ]),
  );
  restoreFocus();
  root.dataset.loaded = 'true';
}

// Wires the view to the dashboard: loads when shown, redraws on a language switch.
export function initDevices({ setStatus, onError }) {
  hooks = { setStatus, onError };
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'devices-view') load().catch((err) => hooks.onError(err));
  });
  document.addEventListener('td:language', () => {
    if (!view().hidden && view().dataset.loaded) render();
  });
}
