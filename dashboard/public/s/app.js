// The resident web survey at /s/<public code>: loads the campaign's survey, continues the
// draft kept in this browser, sends finished responses through the outbox, and works offline
// once opened (sw.js). Swedish first, English beside it.
import { language, setLanguage, t } from '/i18n.js';
import { get, getAll, put } from '/s/db.js';
import { SurveyForm } from '/s/form.js';
import { loadModel } from '/s/model.js';
import { Sender, discard, enqueue, residentToken, summary } from '/s/outbox.js';
import { uuidv7 } from '/s/uuid.js';
import {
  answeredView, closedView, codeEntryView, failedView, lockedView, offlineView,
  renderOutboxStatus, thanksView, unknownView,
} from '/s/views.js';

const main = document.getElementById('content');
const statusBox = document.getElementById('outbox-status');
const code = decodeURIComponent(location.pathname.replace(/^\/s\/?/, '')).trim().toUpperCase();
const DRAFT_LOCK = `td-survey-draft:${code}`;

let data = null;
let form = null;
let persisted; // undefined until asked; false when the browser refused
let rerender = () => {};

const sender = new Sender(() => refreshStatus());

async function refreshStatus() {
  renderOutboxStatus(statusBox, await summary(), {
    persisted,
    sendNow: () => sender.send(),
    discard: async (id) => {
      await discard(id);
      sender.onChange();
    },
  });
}

// Asks once that this origin's storage is not evicted under pressure; a refusal is shown,
// never treated as a failure.
async function askPersistence() {
  if (persisted !== undefined) return;
  persisted = navigator.storage?.persist ? await navigator.storage.persist().catch(() => false) : false;
  refreshStatus();
}

// Draft writes in order, each one the latest state, never two at once.
let writing = Promise.resolve();
function saveDraft(draft) {
  const copy = structuredClone({ ...draft, updatedAt: Date.now() });
  writing = writing.then(() => put('drafts', copy)).catch(() => failedView(main));
  askPersistence();
  return writing;
}

async function loadSurvey() {
  let res;
  try {
    res = await fetch(`/api/v1/web-surveys/${encodeURIComponent(code)}`);
  } catch {
    return { view: () => offlineView(main) };
  }
  const body = await res.json().catch(() => ({}));
  if (res.status === 200) return { data: body };
  if (res.status === 410) return { view: () => closedView(main, body.campaign) };
  if (res.status === 404) return { view: () => unknownView(main, code, body.error?.code === 'not_on_web') };
  return { view: () => failedView(main) };
}

function newDraft() {
  return { code, id: uuidv7(), answers: {}, current: null, locale: language(), startedAt: Date.now() };
}

// Where the response `id` is: sent (a receipt), still in the outbox (waiting or stopped), or
// removed by the resident after the server would not take it.
async function responseStatus(id) {
  if (await get('receipts', id)) return 'sent';
  const entry = await get('outbox', id);
  return entry ? entry.state : 'removed';
}

function showThanks(responseId) {
  form = null;
  const update = thanksView(main, {
    campaign: data.campaign,
    status: () => responseStatus(responseId),
    again: () => startSurvey(newDraft()),
  });
  rerender = () => showThanks(responseId);
  sender.onChange = () => {
    refreshStatus();
    update();
  };
}

async function finish(response) {
  await writing;
  await enqueue(code, response);
  showThanks(response.id);
  await refreshStatus();
  sender.send();
}

async function startSurvey(draft) {
  form = new SurveyForm({ main, data, draft, save: saveDraft, finish, model: loadModel() });
  rerender = () => form.render();
  sender.onChange = () => refreshStatus();
  await form.show();
}

// Holds this survey's draft lock while the page lives; `steal` takes it from another tab,
// which is then told. Resolves with whether the lock is held.
function holdDraftLock(steal = false) {
  if (!navigator.locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    const options = steal ? { steal: true } : { ifAvailable: true };
    navigator.locks.request(DRAFT_LOCK, options, (lock) => {
      resolve(Boolean(lock));
      return lock ? new Promise(() => {}) : null;
    }).catch(() => {
      // Another tab took the draft: stop editing here.
      form?.disable();
      form = null;
      lockedView(main, takeOver, true);
      rerender = () => lockedView(main, takeOver, true);
    });
  });
}

async function takeOver() {
  await holdDraftLock(true);
  await openDraft();
}

async function openDraft() {
  const draft = await get('drafts', code);
  if (draft) return startSurvey(draft);
  const outbox = (await getAll('outbox')).filter((e) => e.code === code);
  const receipts = (await getAll('receipts')).filter((r) => r.code === code);
  if (outbox.length || receipts.length) {
    answeredView(main, { campaign: data.campaign, again: () => startSurvey(newDraft()) });
    rerender = () => openDraft();
    return undefined;
  }
  return startSurvey(newDraft());
}

// After the first question shows: the service worker (which caches the page, the survey and
// the model for offline use), the model itself, and a token for sending later.
function afterFirstPaint() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/s/sw.js', { scope: '/s/' }).then(() => navigator.serviceWorker.ready)
      .then((registration) => registration.active?.postMessage({
        type: 'cache', urls: [location.pathname, `/api/v1/web-surveys/${encodeURIComponent(code)}`],
      }))
      .catch(() => {});
  }
  loadModel().catch(() => {});
  residentToken(code).catch(() => {});
  refreshStatus();
  sender.send();
}

function wireLanguage() {
  const button = document.getElementById('language');
  const label = () => {
    const other = language() === 'sv' ? 'en' : 'sv';
    button.textContent = other === 'en' ? 'English' : 'Svenska';
    button.lang = other;
  };
  label();
  button.addEventListener('click', async () => {
    await setLanguage(language() === 'sv' ? 'en' : 'sv', '/s/i18n');
    label();
    if (form) {
      form.draft.locale = language();
      saveDraft(form.draft);
    }
    rerender();
    refreshStatus();
  });
}

async function boot() {
  // The survey is fetched while the draft and the texts load.
  const survey = code ? loadSurvey() : null;
  const requested = new URLSearchParams(location.search).get('lang');
  const draft = code ? await get('drafts', code).catch(() => undefined) : undefined;
  await setLanguage(requested ?? draft?.locale ?? 'sv', '/s/i18n');
  wireLanguage();
  if (!code) {
    codeEntryView(main);
    rerender = () => codeEntryView(main);
    return;
  }
  const loaded = await survey;
  if (!loaded.data) {
    loaded.view();
    rerender = loaded.view;
    refreshStatus();
    sender.send();
    return;
  }
  data = loaded.data;
  document.title = `${data.campaign.name[language()] || data.campaign.name.sv}`;
  if (await holdDraftLock()) {
    await openDraft();
  } else {
    lockedView(main, takeOver, false);
    rerender = () => lockedView(main, takeOver, false);
  }
  afterFirstPaint();
}

boot().catch(() => failedView(main));
