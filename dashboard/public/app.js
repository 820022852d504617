// The coordinator dashboard: login, campaign choice, and the lägesbild views.

import { initAccounts } from './accounts.js';
import { ApiError, download, getJson, login, logout, token } from './api.js';
import { initCampaigns } from './campaigns.js';
import { renderQuestionCharts } from './charts.js';
import { initDevices } from './devices.js';
import { stackTable } from './dom.js';
import { applyStatic, language, localized, number, percent, setLanguage, t } from './i18n.js';
import { renderMap } from './map.js';
import { initIndicators } from './indicators.js';
import { initMeasures } from './measures.js';
import { initPlaces } from './places.js';
import { initPromises } from './promises.js';
import { initPublish } from './publish.js';
import { initRetention } from './retention.js';
import { initSurveys } from './surveys.js';
import { methodLink, renderRanking, renderSummary, renderTrends, renderUnlocated, weightingNote } from './render.js';
import { initWalks } from './walks.js';

const $ = (id) => document.getElementById(id);
const LANGUAGE_KEY = 'td.language';

let config = {};
let campaigns = [];
let lastPicture = null;
let lastGeojson = null;

// The status line, kept as a dictionary key so a language switch retranslates it. Each message
// gets a number, so a slow load can tell whether something newer was said meanwhile.
let lastStatus = null;
let statusNumber = 0;

function setStatus(key, params = {}, isError = false) {
  lastStatus = { key, params, isError, number: ++statusNumber };
  const status = $('status');
  status.textContent = t(key, params);
  status.classList.toggle('error', isError);
}

function showError(err) {
  setStatus('status.error', { message: err.message || String(err) }, true);
}

function showView(loggedIn) {
  $('login-view').hidden = loggedIn;
  $('dashboard-view').hidden = !loggedIn;
  $('logout').hidden = !loggedIn;
}

// The logged-in views, one per link in the tab bar, chosen by the URL fragment (the first is
// the default). Announces the shown view as a `td:view` event with the section's id.
function showTab() {
  const links = [...document.querySelectorAll('.view-tabs a[data-view]')];
  const active = links.find((a) => a.hash === location.hash) || links[0];
  for (const link of links) {
    $(link.dataset.view).hidden = link !== active;
    if (link === active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.querySelector('.view-tabs').setAttribute('aria-label', t('nav.label'));
  // Following a tab's link to an element of the same id drops focus on the page: keep it on the tab.
  if (!$('dashboard-view').hidden && document.activeElement === document.body) active.focus({ preventScroll: true });
  if (!$('dashboard-view').hidden) document.dispatchEvent(new CustomEvent('td:view', { detail: active.dataset.view }));
}

function fillCampaignSelects() {
  const campaign = $('campaign');
  const compare = $('compare-to');
  const chosen = campaign.value;
  const chosenCompare = compare.value;
  campaign.replaceChildren();
  compare.replaceChildren(new Option(t('filter.none'), ''));
  for (const c of campaigns) {
    const label = `${localized(c.name)} (${c.year})`;
    campaign.append(new Option(label, c.id));
    compare.append(new Option(label, c.id));
  }
  if (chosen) campaign.value = chosen;
  if (chosenCompare) compare.value = chosenCompare;
}

async function loadCampaigns() {
  const body = await getJson('/api/v1/campaigns');
  campaigns = body.campaigns.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
  fillCampaignSelects();
  // Default: the newest survey round (rather than a dialogue campaign), if there is one.
  const first = campaigns.find((c) => (c.channels || []).includes('survey')) || campaigns[0];
  if (first) {
    $('campaign').value = first.id;
    chooseComparison();
  }
}

// Compares with the newest earlier campaign of the same survey, if any.
function chooseComparison() {
  const current = campaigns.find((c) => c.id === $('campaign').value);
  const earlier = current && campaigns.find((c) => c.survey_id === current.survey_id && c.year < current.year);
  $('compare-to').value = earlier ? earlier.id : '';
}

function filterQuery(withCompare = true) {
  const params = new URLSearchParams({ campaign: $('campaign').value });
  if (withCompare && $('compare-to').value && $('compare-to').value !== $('campaign').value)
    params.set('compare_to', $('compare-to').value);
  if ($('locality').value) params.set('locality', $('locality').value);
  if ($('from').value) params.set('from', $('from').value);
  if ($('to').value) params.set('to', $('to').value);
  return params;
}

// Locality choices: the population localities the breakdowns use, labelled by the survey's
// background question. Kept while a locality filter narrows the picture.
function fillLocalities(picture) {
  if (picture.filter.locality) return;
  const keys = new Set();
  for (const q of picture.questions)
    for (const b of q.breakdowns || [])
      if (b.dimension === 'locality') for (const c of b.cells) if (c.key !== 'unknown') keys.add(c.key);
  const labels = new Map();
  for (const q of picture.questions)
    if (q.background) for (const c of q.distribution || []) if (keys.has(c.id)) labels.set(c.id, localized(c.label));
  const select = $('locality');
  const chosen = select.value;
  select.replaceChildren(new Option(t('filter.allLocalities'), ''));
  for (const key of keys) select.append(new Option(labels.get(key) || key, key));
  select.value = chosen;
}

function render() {
  if (!lastPicture) return;
  const picture = lastPicture;
  fillLocalities(picture);
  $('picture').hidden = false;
  $('picture-title').textContent = localized(picture.campaign_name);
  renderSummary($('summary'), picture);
  $('weighting-note').replaceChildren(weightingNote(picture), ' ', methodLink());
  $('ranking-note').textContent = t('ranking.note', { replicates: number(picture.ranking?.replicates) });
  renderRanking(document.querySelector('#ranking tbody'), picture);
  stackTable($('ranking'));
  $('trends-note').textContent = t('trends.note', { q: percent(picture.significance_level ?? 0.05, 0) });
  const trendRows = renderTrends(document.querySelector('#trends tbody'), picture);
  stackTable($('trends'));
  $('trends').hidden = trendRows === 0;
  $('trends-empty').hidden = trendRows > 0;
  renderUnlocated($('unlocated'), picture);
  renderQuestionCharts($('question-charts'), picture);
  if (lastGeojson) renderMap($('map'), lastGeojson, config);
  $('picture-view').dataset.loaded = 'true';
}

async function showPicture() {
  setStatus('status.loading');
  const loading = statusNumber;
  try {
    const query = filterQuery();
    const [picture, geojson] = await Promise.all([
      getJson(`/api/v1/picture?${query}`),
      getJson(`/api/v1/picture/places.geojson?${filterQuery(false)}`),
    ]);
    lastPicture = picture;
    lastGeojson = geojson;
    render();
    // A slow picture must not hide what an action said while it loaded ("measure created").
    if (statusNumber === loading) setStatus('status.loaded');
    document.dispatchEvent(new CustomEvent('td:picture-shown'));
  } catch (err) {
    handleApiError(err);
  }
}

// Why a sign-in failed or a session ended, in the page's language: wrong credentials, no
// access, an expired or revoked session, or locked out for a while after too many failures.
function loginMessage(err) {
  if (err.status === 403) return t('login.forbidden');
  if (err.status === 401) return t(err.code === 'invalid_credentials' ? 'login.invalid' : 'login.expired');
  if (err.status === 429 && err.code === 'too_many_attempts') {
    return t('login.locked', { minutes: Math.max(1, Math.ceil((err.retryAfter || 60) / 60)) });
  }
  return t('login.failed', { message: err.message });
}

function handleApiError(err) {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
    logout();
    showView(false);
    $('login-error').hidden = false;
    $('login-error').textContent = loginMessage(err);
    return;
  }
  showError(err);
}

async function startDashboard() {
  showView(true);
  showTab();
  try {
    await loadCampaigns();
    if (campaigns.length) await showPicture();
  } catch (err) {
    handleApiError(err);
  }
}

async function exportFile(path, fallback) {
  try {
    const name = await download(path, fallback);
    setStatus('status.downloaded', { file: name });
  } catch (err) {
    handleApiError(err);
  }
}

// Back to the sign-in form, with nothing of the last session's picture left on the page.
function signedOut() {
  lastPicture = null;
  $('picture').hidden = true;
  showView(false);
  $('username').focus();
}

function wire() {
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').hidden = true;
    try {
      const who = await login($('username').value, $('password').value);
      if (who.role !== 'coordinator' && who.role !== 'admin') {
        logout();
        throw new ApiError(403, 'forbidden', t('login.forbidden'));
      }
      $('password').value = '';
      await startDashboard();
      // The form is gone: focus goes to the shown view's tab.
      document.querySelector('.view-tabs a[aria-current]')?.focus();
    } catch (err) {
      $('login-error').hidden = false;
      $('login-error').textContent = loginMessage(err);
    }
  });
  $('logout').addEventListener('click', () => {
    logout();
    signedOut();
  });
  $('filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    showPicture();
  });
  $('campaign').addEventListener('change', () => {
    chooseComparison();
    showPicture();
  });
  $('compare-to').addEventListener('change', showPicture);
  $('locality').addEventListener('change', showPicture);
  $('language').addEventListener('change', async () => {
    await setLanguage($('language').value);
    sessionStorage.setItem(LANGUAGE_KEY, language());
    fillCampaignSelects();
    render();
    if (lastStatus) setStatus(lastStatus.key, lastStatus.params, lastStatus.isError);
    document.querySelector('.view-tabs').setAttribute('aria-label', t('nav.label'));
    document.dispatchEvent(new CustomEvent('td:language'));
  });
  window.addEventListener('hashchange', showTab);
  // The fragment chooses the view, so the skip link moves focus itself: to the sign-in form, or
  // to the shown view past the header and the tab bar.
  $('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    if ($('dashboard-view').hidden) {
      $('username').focus();
      return;
    }
    const shown = document.querySelector('.view-tabs a[aria-current]');
    const target = shown && $(shown.dataset.view);
    if (!target) return;
    target.setAttribute('tabindex', '-1');
    target.focus();
  });
  // Imported figures show beside the focus areas: fetch the picture again after a change.
  document.addEventListener('td:indicators-changed', () => {
    if (campaigns.length) showPicture();
  });
  // The map and charts measure their boxes: draw them again once their view is visible.
  document.addEventListener('td:view', (event) => {
    if (event.detail === 'picture-view') render();
  });
  $('export-csv').addEventListener('click', () =>
    exportFile(`/api/v1/export/responses.csv?campaign=${encodeURIComponent($('campaign').value)}`, 'responses.csv'));
  $('export-csv-text').addEventListener('click', () =>
    exportFile(`/api/v1/export/responses.csv?campaign=${encodeURIComponent($('campaign').value)}&free_text=1`, 'responses.csv'));
  $('export-geojson').addEventListener('click', () =>
    exportFile(`/api/v1/picture/places.geojson?${filterQuery(false)}`, 'places.geojson'));
  $('export-report').addEventListener('click', () => {
    const query = filterQuery();
    query.set('lang', language());
    window.open(`/report?${query}`, '_blank');
  });
}

async function main() {
  const res = await fetch('/config.json');
  config = res.ok ? await res.json() : {};
  const lang = sessionStorage.getItem(LANGUAGE_KEY) || 'sv';
  await setLanguage(lang);
  $('language').value = language();
  applyStatic(document);
  // Dates are typed åååå-mm-dd whatever the browser's locale (type=date would follow it).
  for (const input of document.querySelectorAll('input.date-text')) input.placeholder = t('retention.datePlaceholder');
  wire();
  initPromises({ setStatus, onError: handleApiError });
  initWalks({ setStatus, onError: handleApiError, config });
  initMeasures({ setStatus, onError: handleApiError });
  initPlaces({ setStatus, onError: handleApiError, config });
  initIndicators({ setStatus, onError: handleApiError });
  initRetention({ setStatus, onError: handleApiError });
  initSurveys({ setStatus, onError: handleApiError });
  initPublish({
    setStatus, onError: handleApiError, campaign: () => $('campaign').value,
    campaignName: (id) => localized(campaigns.find((c) => c.id === id)?.name),
  });
  initCampaigns({ setStatus, onError: handleApiError });
  initDevices({ setStatus, onError: handleApiError });
  initAccounts({ setStatus, onError: handleApiError, onSignedOut: signedOut });
  if (token()) await startDashboard();
  else showView(false);
  document.body.dataset.ready = 'true';
}

main().catch(showError);
