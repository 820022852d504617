// The pages around the survey: no code, an unknown or closed survey, no network on first
// open, the survey open in another tab, the thank-you page, and the outbox status line.
import { clear, el } from '/dom.js';
import { localized, t } from '/i18n.js';

function page(main, title, ...children) {
  clear(main);
  const heading = el('h1', { text: title, attrs: { tabindex: '-1' } });
  main.append(heading, ...children);
  heading.focus();
  return heading;
}

function button(text, onClick, secondary = false, id = undefined) {
  const b = el('button', { className: secondary ? 'secondary' : '', text, attrs: { type: 'button', ...(id ? { id } : {}) } });
  b.addEventListener('click', onClick);
  return b;
}

/// Asks for the survey's code (the page was opened as /s/ without one).
export function codeEntryView(main, message) {
  const input = el('input', { attrs: { id: 'code', name: 'code', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false' } });
  const form = el('form', { className: 'code-form' }, [
    el('label', { text: t('code.label'), attrs: { for: 'code' } }),
    input,
    el('div', { className: 'nav' }, [el('button', { text: t('code.open'), attrs: { type: 'submit' } })]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = input.value.trim();
    if (code) location.assign(`/s/${encodeURIComponent(code)}`);
  });
  page(main, t('code.title'), ...(message ? [el('p', { className: 'error', text: message })] : []),
    el('p', { text: t('code.text') }), form);
}

export function unknownView(main, code, notOnWeb) {
  codeEntryView(main, notOnWeb ? t('unknown.notOnWeb', { code }) : t('unknown.text', { code }));
}

// Where residents see what the police and the municipality do with the answers.
function publicLink() {
  return el('p', {}, [el('a', { text: t('publicLink'), attrs: { href: '/public' } })]);
}

export function closedView(main, campaign) {
  page(main, t('closed.title'),
    el('p', { text: t('closed.text', { name: localized(campaign.name) }) }),
    el('p', { text: t('closed.thanks') }),
    publicLink());
}

export function offlineView(main) {
  page(main, t('offline.title'), el('p', { text: t('offline.text') }),
    button(t('reload'), () => location.reload()));
}

export function failedView(main) {
  page(main, t('failed.title'), el('p', { text: t('failed.text') }),
    button(t('reload'), () => location.reload()));
}

/// The survey is open in another tab of this browser; `takeOver()` moves it here.
export function lockedView(main, takeOver, stolen) {
  page(main, stolen ? t('locked.stolenTitle') : t('locked.title'),
    el('p', { text: stolen ? t('locked.stolenText') : t('locked.text') }),
    button(t('locked.takeOver'), takeOver, false, 'take-over'));
}

/// After sending (or queueing) `responseId`; `status()` says where it is now.
export function thanksView(main, { campaign, status, again }) {
  const line = el('p', { attrs: { id: 'response-status' } });
  const againButton = button(t('thanks.again'), again, true, 'again');
  const update = async () => {
    const now = await status();
    line.textContent = t(`thanks.${now}`);
    againButton.hidden = now === 'closed'; // the survey takes no more answers
  };
  update();
  page(main, t('thanks.title'),
    el('p', { text: t('thanks.text', { name: localized(campaign.name) }) }),
    line,
    el('p', { className: 'hint', text: t('thanks.privacy') }),
    againButton,
    publicLink());
  return update;
}

/// "You have answered already" when this browser has sent (or queued) a response to the
/// survey and has no draft.
export function answeredView(main, { campaign, again }) {
  page(main, t('answered.title'),
    el('p', { text: t('answered.text', { name: localized(campaign.name) }) }),
    button(t('thanks.again'), again, true, 'again'));
}

/// The line on every page about responses still in this browser: how many wait, and any the
/// server will not take, each with what happened and a way to remove it.
export function renderOutboxStatus(box, { waiting, stopped }, { persisted, sendNow, discard }) {
  clear(box);
  if (waiting.length) {
    box.append(el('p', { text: t('outbox.waiting', { count: waiting.length }) }));
    if (persisted === false) box.append(el('p', { text: t('outbox.notPersisted') }));
    box.append(button(t('outbox.sendNow'), sendNow, true, 'send-now'));
  }
  for (const entry of stopped) {
    const text = entry.state === 'closed' ? t('outbox.closed', { code: entry.code })
      : entry.state === 'limit' ? t('outbox.limit')
        : t('outbox.rejected', { message: entry.reason?.message ?? '' });
    box.append(el('p', { className: 'stopped', text }),
      button(t('outbox.discard'), () => discard(entry.id), true));
  }
  box.hidden = !waiting.length && !stopped.length;
}
