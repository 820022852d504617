// The printable A4 poster of a campaign, in Swedish: what the survey is for, its QR code (an
// SVG the server makes), the resident link and the code, and until when to answer.

import { getJson, token } from './api.js';
import { setLanguage, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

async function main() {
  await setLanguage('sv');
  $('print').addEventListener('click', () => window.print());
  const id = new URLSearchParams(location.search).get('campaign');
  if (!token() || !id) {
    $('status').textContent = t(token() ? 'poster.noCampaign' : 'poster.signIn');
    return;
  }
  try {
    const poster = await getJson(`/api/v1/campaigns/${encodeURIComponent(id)}/poster?origin=${encodeURIComponent(location.origin)}`);
    $('poster-title').textContent = poster.survey_title?.sv || poster.name.sv;
    $('poster-intro').textContent = poster.survey_intro?.sv || t('poster.defaultIntro');
    $('poster-qr').src = `data:image/svg+xml,${encodeURIComponent(poster.qr_svg)}`;
    $('poster-qr').alt = t('poster.qrAlt', { link: poster.link });
    $('poster-link').textContent = poster.link;
    $('poster-code').textContent = t('poster.code', { code: poster.public_code });
    $('poster-period').textContent = t('poster.period', { end: poster.period_end });
    document.title = `${t('poster.title')} – ${poster.name.sv}`;
    $('poster').hidden = false;
    await $('poster-qr').decode();
  } catch (err) {
    $('status').textContent = t('poster.failed', { message: err.message });
  }
}

main().finally(() => { document.body.dataset.ready = 'true'; });
