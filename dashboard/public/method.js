// "Så räknar vi" (/method.html): how the published figures are made, in plain words, with the
// population figures the answers are weighted to (their source and year, from the newest
// published summary). Reads only GET /api/v1/public; no login.

import { clear, el } from './dom.js';
import { language, number, t } from './i18n.js';
import { startPublicPage } from './promise-common.js';

const $ = (id) => document.getElementById(id);

// The margins of the newest published summary that has them.
function newestMargins(body) {
  const summaries = [...(body.summaries || [])].sort((a, b) => String(b.published_at).localeCompare(String(a.published_at)));
  for (const s of summaries) {
    const w = s.summary?.weighting;
    if (w?.available && (w.margins || []).length) return w;
  }
  return null;
}

function renderMargins(weighting) {
  const list = $('margins');
  clear(list);
  if (!weighting) {
    list.append(el('li', { text: t('method.noMargins') }));
    return;
  }
  for (const m of weighting.margins) {
    const total = m.groups.reduce((sum, g) => sum + g.population, 0);
    list.append(
      el('li', { attrs: { 'data-dimension': m.dimension } }, [
        el('strong', { text: t(`dimension.${m.dimension}`) }),
        ` — ${t('method.marginLine', { year: m.year, source: m.source, total: number(total) })}`,
      ]),
    );
  }
}

async function main() {
  await startPublicPage('method.title');
  $('back-link').setAttribute('href', `/public?lang=${language()}`);
  let k = 5;
  try {
    const res = await fetch('/api/v1/public', { credentials: 'omit', cache: 'no-store' });
    if (!res.ok) throw new Error(String(res.status));
    const body = await res.json();
    k = body.k;
    renderMargins(newestMargins(body));
  } catch {
    renderMargins(null);
  }
  $('method-privacy-text').textContent = t('method.privacy', { k });
  document.body.dataset.ready = 'true';
}

main();
