// The dashboard's "Konto" view: one's own account — change the password (at least 12
// characters) and sign out everywhere — and, for admins, every account: create a coordinator
// (a temporary password shown once), disable or enable it, give it a new temporary password, or
// end its sessions, each change after a confirmation.

import { ApiError, getJson, logout, sendJson } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { clear, el, keepFocus } from './dom.js';
import { number, t } from './i18n.js';
import { dateTime } from './devices.js';

const MIN_PASSWORD = 12;

let hooks = { setStatus: () => {}, onError: () => {}, onSignedOut: () => {} };
let me = null;
let accounts = null; // admins only
let shownPassword = null; // { username, password }: a temporary password, shown once
let passwordMessage = null; // { key, isError }

const view = () => document.getElementById('accounts-view');
const chars = (text) => [...text].length;

async function load() {
  me = await getJson('/api/v1/account');
  accounts = me.role === 'admin' ? (await getJson('/api/v1/admin/accounts')).accounts : null;
  render();
}

async function changePassword(form) {
  const data = new FormData(form);
  const current = String(data.get('current_password') || '');
  const next = String(data.get('new_password') || '');
  const repeat = String(data.get('repeat_password') || '');
  passwordMessage = null;
  if (chars(next) < MIN_PASSWORD) passwordMessage = { key: 'accounts.tooShort', isError: true };
  else if (next !== repeat) passwordMessage = { key: 'accounts.mismatch', isError: true };
  if (passwordMessage) { renderPasswordMessage(); return; }
  try {
    await sendJson('POST', '/api/v1/account/password', { current_password: current, new_password: next });
    passwordMessage = { key: 'accounts.passwordChanged', isError: false };
    await load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 422) {
      passwordMessage = { key: `accounts.issue.${err.code}`, isError: true };
      renderPasswordMessage();
    } else hooks.onError(err);
  }
}

function renderPasswordMessage() {
  const box = document.getElementById('password-message');
  if (!box) return;
  box.textContent = passwordMessage ? t(passwordMessage.key, { min: MIN_PASSWORD }) : '';
  box.className = passwordMessage?.isError ? 'error' : 'note';
  box.hidden = !passwordMessage;
}

async function signOutEverywhere() {
  const ok = await confirmDialog({
    id: 'sign-out-dialog', title: t('accounts.signOutTitle'), paragraphs: [t('accounts.signOutText')],
    confirmLabel: t('accounts.signOutConfirm'), cancelLabel: t('accounts.cancel'),
  });
  if (!ok) return;
  try {
    await sendJson('POST', '/api/v1/account/sign-out-everywhere', {});
    logout();
    hooks.onSignedOut();
  } catch (err) {
    hooks.onError(err);
  }
}

function passwordField(name, label, autocomplete) {
  return el('label', {}, [el('span', { text: label }), el('input', { attrs: { type: 'password', name, autocomplete, required: '' } })]);
}

function ownSection() {
  const form = el('form', { className: 'password-form', attrs: { id: 'password-form' } }, [
    passwordField('current_password', t('accounts.current'), 'current-password'),
    passwordField('new_password', t('accounts.new'), 'new-password'),
    passwordField('repeat_password', t('accounts.repeat'), 'new-password'),
    el('p', { className: 'note', text: t('accounts.rule', { min: MIN_PASSWORD }) }),
    el('p', { attrs: { id: 'password-message', role: 'status', hidden: '' } }),
    el('div', {}, [el('button', { text: t('accounts.change'), attrs: { type: 'submit' } })]),
  ]);
  form.addEventListener('submit', (event) => { event.preventDefault(); changePassword(form); });
  const everywhere = el('button', { className: 'secondary', text: t('accounts.signOutEverywhere'), attrs: { type: 'button', id: 'sign-out-everywhere' } });
  everywhere.addEventListener('click', signOutEverywhere);
  return el('section', { className: 'card' }, [
    el('h2', { text: t('accounts.ownHeading') }),
    el('p', { text: t('accounts.signedInAs', { user: me.username, role: t(`accounts.role.${me.role}`), sessions: number(me.sessions) }) }),
    el('h3', { text: t('accounts.changeHeading') }),
    form,
    el('h3', { text: t('accounts.sessionsHeading') }),
    el('p', { className: 'note', text: t('accounts.sessionsText') }),
    everywhere,
  ]);
}

async function act(a, action, confirmKey) {
  if (confirmKey) {
    const ok = await confirmDialog({
      id: 'account-dialog', title: t(`${confirmKey}Title`, { user: a.username }), paragraphs: [t(`${confirmKey}Text`)],
      confirmLabel: t(`${confirmKey}Confirm`), cancelLabel: t('accounts.cancel'),
    });
    if (!ok) return;
  }
  try {
    const answer = await sendJson('POST', `/api/v1/admin/accounts/${a.id}/${action}`, {});
    shownPassword = answer.password ? { username: a.username, password: answer.password } : null;
    await load();
    hooks.setStatus(`accounts.done.${action}`, { user: a.username });
  } catch (err) {
    hooks.onError(err);
  }
}

async function createAccount(form) {
  const username = String(new FormData(form).get('username') || '').trim();
  if (!username) return;
  try {
    const answer = await sendJson('POST', '/api/v1/admin/accounts', { username });
    shownPassword = { username, password: answer.password };
    await load();
    hooks.setStatus('accounts.createdStatus', { user: username });
  } catch (err) {
    if (err instanceof ApiError && (err.status === 409 || err.status === 422)) hooks.setStatus(`accounts.issue.${err.code}`, { user: username }, true);
    else hooks.onError(err);
  }
}

function accountRow(a) {
  const actions = el('td', { className: 'actions' });
  const button = (label, className, onClick) => {
    const b = el('button', { className, text: label, attrs: { type: 'button', 'aria-label': `${label}: ${a.username}` } });
    b.addEventListener('click', onClick);
    actions.append(b);
  };
  if (a.role === 'coordinator') {
    if (a.disabled) button(t('accounts.enable'), 'secondary enable', () => act(a, 'enable'));
    else button(t('accounts.disable'), 'disable', () => act(a, 'disable', 'accounts.disable'));
    button(t('accounts.reset'), 'secondary reset', () => act(a, 'reset-password', 'accounts.reset'));
    if (a.sessions > 0) button(t('accounts.signOut'), 'secondary sign-out', () => act(a, 'sign-out', 'accounts.signOutOther'));
  } else {
    actions.append(el('span', { className: 'note', text: t('accounts.adminByCli') }));
  }
  return el('tr', { attrs: { 'data-account': a.username } }, [
    el('th', { text: a.username, attrs: { scope: 'row' } }),
    el('td', { text: t(`accounts.role.${a.role}`), attrs: { 'data-label': t('accounts.roleHeading') } }),
    el('td', { text: dateTime(a.created_at), attrs: { 'data-label': t('accounts.created') } }),
    el('td', { text: t(a.disabled ? 'accounts.disabled' : 'accounts.active'), attrs: { 'data-label': t('accounts.state') } }),
    el('td', { text: number(a.sessions), attrs: { 'data-label': t('accounts.sessions') } }),
    actions,
  ]);
}

function adminSection() {
  const form = el('form', { className: 'filters', attrs: { id: 'account-form' } }, [
    el('label', {}, [el('span', { text: t('accounts.username') }), el('input', { attrs: { name: 'username', autocomplete: 'off', required: '', maxlength: '128' } })]),
    el('button', { text: t('accounts.create'), attrs: { type: 'submit' } }),
  ]);
  form.addEventListener('submit', (event) => { event.preventDefault(); createAccount(form); });
  const keys = ['accounts.username', 'accounts.roleHeading', 'accounts.created', 'accounts.state', 'accounts.sessions', 'accounts.actions'];
  const section = el('section', { className: 'card' }, [
    el('h2', { text: t('accounts.adminHeading') }),
    el('p', { className: 'note', text: t('accounts.adminIntro') }),
    form,
  ]);
  if (shownPassword) {
    section.append(el('div', { className: 'code-result', attrs: { id: 'temporary-password', role: 'status' } }, [
      el('p', { text: t('accounts.temporaryFor', { user: shownPassword.username }) }),
      el('p', { className: 'enrol-code', text: shownPassword.password }),
      el('p', { className: 'note', text: t('accounts.temporaryOnce') }),
    ]));
  }
  section.append(el('div', { className: 'table-scroll' }, [
    el('table', { className: 'data stack', attrs: { id: 'accounts-table' } }, [
      el('thead', {}, [el('tr', {}, keys.map((k) => el('th', { text: t(k), attrs: { scope: 'col' } })))]),
      el('tbody', {}, accounts.map(accountRow)),
    ]),
  ]));
  return section;
}

function render() {
  const root = view();
  const restoreFocus = keepFocus(root);
  clear(root);
  root.append(ownSection());
  if (accounts) root.append(adminSection());
  renderPasswordMessage();
  restoreFocus();
  root.dataset.loaded = 'true';
}

// Wires the view to the dashboard: loads when shown, redraws on a language switch; after
// signing out everywhere, `onSignedOut` shows the sign-in form.
export function initAccounts({ setStatus, onError, onSignedOut }) {
  hooks = { setStatus, onError, onSignedOut };
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'accounts-view') {
      shownPassword = null;
      passwordMessage = null;
      load().catch((err) => hooks.onError(err));
    }
  });
  document.addEventListener('td:language', () => {
    if (!view().hidden && me) render();
  });
}
