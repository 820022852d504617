// The Lägesbild view's "Publicera för invånarna" card: when the chosen campaign's public summary
// was last published, and publishing it again (after a confirmation that says what residents and
// devices will see). The summary is built on the server under the k rule, without free text.

import { getJson, sendJson } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { dateTime } from './devices.js';
import { el } from './dom.js';
import { language, t } from './i18n.js';

let hooks = { setStatus: () => {}, onError: () => {}, campaign: () => '', campaignName: () => '' };
let published = new Map(); // campaign id → the published summary ({published_at, title, …})

const card = () => document.getElementById('publish-card');

function render() {
  const root = card();
  if (!root) return;
  const campaign = hooks.campaign();
  const summary = published.get(campaign);
  root.replaceChildren(
    el('h2', { text: t('publish.heading'), attrs: { id: 'publish-heading' } }),
    el('p', { className: 'note', text: t('publish.intro') }),
    el('p', {
      attrs: { id: 'publish-state', 'data-published': summary ? 'true' : 'false' },
      text: summary ? t('publish.lastPublished', { at: dateTime(summary.published_at) }) : t('publish.never'),
    }),
    el('div', { className: 'publish-actions' }, [
      publishButton(campaign),
      el('a', { text: t('publish.openPublic'), attrs: { href: `/public?lang=${language()}`, target: '_blank', rel: 'noopener' } }),
    ]),
  );
}

function publishButton(campaign) {
  const button = el('button', { text: t('publish.button'), attrs: { type: 'button', id: 'publish-summary' } });
  button.disabled = !campaign;
  button.addEventListener('click', () => publish(campaign, button));
  return button;
}

async function publish(campaign, button) {
  const name = hooks.campaignName(campaign) || campaign;
  const ok = await confirmDialog({
    id: 'publish-dialog', title: t('publish.confirmTitle', { campaign: name }),
    paragraphs: [t('publish.confirmText'), t('publish.confirmWhere')],
    confirmLabel: t('publish.confirm'), cancelLabel: t('publish.cancel'),
  });
  if (!ok) {
    button.focus();
    return;
  }
  button.disabled = true;
  try {
    const answer = await sendJson('POST', '/api/v1/picture/publish', { campaign });
    published.set(campaign, answer.body);
    render();
    hooks.setStatus('publish.done', { campaign: name, at: dateTime(answer.body.published_at) });
    document.getElementById('publish-summary')?.focus();
  } catch (err) {
    button.disabled = false;
    hooks.onError(err);
  }
}

// What is published now, from the public page's own data.
async function load() {
  try {
    const body = await getJson('/api/v1/public');
    published = new Map((body.summaries || []).map((s) => [s.campaign_id, s]));
    render();
  } catch (err) {
    hooks.onError(err);
  }
}

// The card sits below the campaign choice, so it does not wait for the picture to be computed.
export function initPublish(options) {
  hooks = { ...hooks, ...options };
  const form = document.getElementById('filter-form');
  if (form && !card()) form.after(el('section', { className: 'card', attrs: { id: 'publish-card', 'aria-labelledby': 'publish-heading' } }));
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'picture-view') load();
  });
  document.addEventListener('td:picture-shown', render);
  document.getElementById('campaign')?.addEventListener('change', render);
  document.addEventListener('td:language', render);
}

