// Every page at WCAG 2.1 AA and at phone width, in a real browser: each dashboard view (taken
// from the tab bar in the DOM, so a new view cannot slip through), the public page and every
// report page (each .html file the dashboard serves is listed, or the test fails), in Swedish
// and English, at 1366×900 and 390×844, against a demo server holding a campaign, walks,
// promises, measures and police and municipality figures. On each page: no axe-core violation;
// no sideways scrolling (the document and the body at most as wide as the viewport, neither
// hiding its overflow, and no element's right edge beyond the viewport except inside a
// labelled, focusable scroll region, a map or a visually hidden box), in Swedish at 320 px too;
// and, with the browser's locale en-US, every date shown or entered is åååå-mm-dd.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots are kept there).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  artifactDir, axeViolations, launchBrowser, logIn, request, sourceDir, startDemoServer, stopAll,
} from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-a11y-2026';
const VIEWPORTS = [{ width: 1366, height: 900 }, { width: 390, height: 844 }];
const LANGUAGES = ['sv', 'en'];

let tmp;
let server;
let base;
let coordinatorToken;
let officerCode;
let browser;
let ids; // what the report pages are opened for: a campaign with a poster, a walk, a year

before(async () => {
  ({ tmp, server, base, coordinatorToken, officerCode } = await startDemoServer({
    name: 'accessibility', user: USER, password: PASSWORD, responsesPerWave: 10,
  }));
  const get = async (route) => {
    const res = await request(base, 'GET', route, undefined, coordinatorToken);
    assert.equal(res.status, 200, `${route}: ${res.text}`);
    return res.json();
  };
  const { campaigns } = await get('/api/v1/campaigns');
  const survey = campaigns.filter((c) => c.channels.includes('survey')).sort((a, b) => b.year - a.year)[0];
  const walks = (await get('/api/v1/walks')).features.filter((f) => f.properties.feature === 'walk');
  const { measures } = await get('/api/v1/measures');
  const { promises } = await get('/api/v1/promises');
  const { indicators } = await get('/api/v1/indicators');
  assert.ok(survey && walks.length && measures.length && promises.length && indicators.length,
    'the demo data holds a survey campaign, walks, measures, promises and indicators');
  // A campaign with a web link, so that the poster has something to show; web only, so that the
  // lägesbild still opens on the demo's newest survey round, with its answers.
  const poster = {
    id: 'a11y_affisch_2026', name: { sv: 'Affischomgång 2026', en: 'Poster round 2026' },
    survey_id: survey.survey_id, survey_version: survey.survey_version, year: 2026,
    period_start: '2026-03-01', period_end: '2026-04-30', channels: ['web'], public_code: 'AFFISCH26', status: 'open',
  };
  const created = await request(base, 'POST', '/api/v1/campaigns', poster, coordinatorToken);
  assert.equal(created.status, 201, created.text);
  // The survey editor's preview shows the survey the dashboard hands it in sessionStorage.
  const { survey: surveyDefinition } = await get(`/api/v1/surveys/${encodeURIComponent(survey.survey_id)}`);
  ids = { campaign: survey.id, posterCampaign: poster.id, walk: walks[0].properties.walk_id, year: survey.year, surveyDefinition };
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

// The pages outside the dashboard, each a file in dashboard/public; `dates` where the page
// shows at least one date.
const reportPages = (lang) => [
  { file: 'report.html', url: `/report?campaign=${ids.campaign}&lang=${lang}`, dates: true },
  { file: 'walk-report.html', url: `/walk-report?walk=${ids.walk}&lang=${lang}`, dates: true },
  { file: 'follow-up.html', url: `/follow-up?year=${ids.year}&lang=${lang}`, dates: true },
  { file: 'poster.html', url: `/poster.html?campaign=${ids.posterCampaign}`, dates: true },
  { file: 'public.html', url: `/public?lang=${lang}` },
  { file: 'method.html', url: `/method.html?lang=${lang}` },
  { file: 'accessibility.html', url: `/tillganglighet?lang=${lang}` },
  { file: 'enrol.html', url: `/enrol#code=${officerCode}` },
  { file: 'survey-preview.html', url: `/survey-preview.html?lang=${lang}` },
];

test('every page the dashboard serves is checked here', () => {
  const files = fs.readdirSync(path.join(sourceDir, 'dashboard', 'public')).filter((f) => f.endsWith('.html'));
  ids ??= {};
  const covered = new Set(['index.html', ...reportPages('sv').map((p) => p.file)]);
  assert.deepEqual(files.filter((f) => !covered.has(f)), [], 'pages without an accessibility check');
});

// What a person at this width could not reach or read: the page's own width, elements beyond
// the right edge outside a scroll region, and dates not written åååå-mm-dd.
function layoutAndDates() {
  const width = window.innerWidth;
  const problems = [];
  const html = document.documentElement;
  const body = document.body;
  if (html.scrollWidth > width) problems.push(`document ${html.scrollWidth} px wide`);
  if (body.scrollWidth > width) problems.push(`body ${body.scrollWidth} px wide`);
  for (const node of [html, body]) {
    const style = getComputedStyle(node);
    if (style.overflowX !== 'visible' && style.overflowX !== 'auto')
      problems.push(`${node.localName} hides its overflow (overflow-x: ${style.overflowX})`);
  }
  const describe = (e) => `${e.localName}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')}`;
  const labelledRegion = (e) => e.getAttribute('role') === 'region' && e.getAttribute('tabindex') === '0'
    && (e.hasAttribute('aria-label') || e.hasAttribute('aria-labelledby'));
  // Inside a labelled scroll region; or inside a map (panned to reach the rest) or a visually
  // hidden box (a stacked table's headings, for screen readers), either within the viewport.
  const contained = (e) => {
    for (let a = e.parentElement; a && a !== body; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX;
      if (overflow === 'visible') continue;
      if ((overflow === 'auto' || overflow === 'scroll') && labelledRegion(a)) return true;
      const box = a.getBoundingClientRect();
      const clipped = (overflow === 'hidden' || overflow === 'clip') && box.right <= width + 0.5;
      if (clipped && (a.classList.contains('leaflet-container') || (box.width <= 1 && box.height <= 1))) return true;
    }
    return false;
  };
  const beyond = [];
  for (const e of body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 0.5) continue;
    if (!contained(e)) beyond.push(`${describe(e)} ends at ${Math.round(r.right)} px`);
  }
  problems.push(...beyond.slice(0, 8));
  // Horizontal scroll boxes that a keyboard cannot reach or a screen reader cannot name.
  for (const e of body.querySelectorAll('*')) {
    const overflow = getComputedStyle(e).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && e.scrollWidth > e.clientWidth + 1 && !labelledRegion(e))
      problems.push(`${describe(e)} scrolls sideways but is no labelled, focusable region`);
  }

  const months = 'jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec';
  const wrongDate = new RegExp(
    String.raw`\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}\.?\s+(${months})[a-zé]*\.?\s+\d{4}\b|\b(${months})[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b`, 'i');
  const isoDate = /\b\d{4}-\d{2}-\d{2}\b/g;
  let dates = 0;
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement.checkVisibility()) continue;
    const text = n.textContent;
    dates += (text.match(isoDate) || []).length;
    const wrong = wrongDate.exec(text);
    if (wrong) problems.push(`date "${wrong[0]}" in "${text.trim().slice(0, 60)}"`);
  }
  for (const input of document.querySelectorAll('input')) {
    if (['date', 'datetime-local', 'month', 'week'].includes(input.type))
      problems.push(`${describe(input)} is type=${input.type}, which follows the browser's locale`);
    if (input.value && wrongDate.test(input.value)) problems.push(`${describe(input)} holds the date "${input.value}"`);
    if (input.pattern === String.raw`\d{4}-\d{2}-\d{2}`) {
      if (!/^(åååå|yyyy)-mm-dd$/.test(input.placeholder)) problems.push(`${describe(input)} placeholder "${input.placeholder}"`);
      if (input.value && !/^\d{4}-\d{2}-\d{2}$/.test(input.value)) problems.push(`${describe(input)} holds "${input.value}"`);
      dates += 1;
    }
  }
  return { problems, dates };
}

// Screenshots at both sizes in Swedish, the default language (English takes as long again).
// With `reflow`, the layout is checked once more at 320 px, the width WCAG's reflow asks for.
async function checkPage(page, name, { dates = false, screenshot = false, reflow = false } = {}) {
  const problems = (await axeViolations(page)).map((v) => `axe ${v}`);
  const layout = await page.evaluate(layoutAndDates);
  problems.push(...layout.problems);
  if (dates && layout.dates === 0) problems.push('shows no date åååå-mm-dd');
  if (screenshot) await page.screenshot({ path: path.join(artifactDir, `a11y-${name}.png`), fullPage: true });
  if (reflow) {
    const size = page.viewportSize();
    await page.setViewportSize({ width: 320, height: size.height });
    // Charts and maps follow a resize a frame or two later.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 250)));
    problems.push(...(await page.evaluate(layoutAndDates)).problems.map((p) => `at 320 px: ${p}`));
    await page.setViewportSize(size);
  }
  return problems.map((p) => `${name}: ${p}`);
}

// Views that show dates once loaded with the demo data.
const DATED_VIEWS = new Set(['picture-view', 'campaigns-view', 'devices-view', 'promises-view', 'walks-view', 'measures-view', 'retention-view', 'accounts-view']);

// Every view and page at one size in one language; the problems found, one line each.
async function checkEverything(viewport, lang) {
  const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'en-US', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const problems = [];
  await logIn(page, base, USER, PASSWORD);
  await page.waitForSelector('#dashboard-view:not([hidden])');
  await page.evaluate((survey) => sessionStorage.setItem('td.preview', JSON.stringify(survey)), ids.surveyDefinition);
  if (lang !== 'sv') {
    await page.selectOption('#language', lang);
    await page.waitForFunction(() => document.querySelector('.view-tabs a').textContent === 'Situation picture');
  }
  const tabs = await page.$$eval('.view-tabs a[data-view]', (links) => links.map((a) => ({ hash: a.hash, view: a.dataset.view })));
  assert.ok(tabs.length >= 9, `the tab bar lists the views (${tabs.length})`);
  const screenshot = lang === 'sv';
  const reflow = screenshot && viewport.width < 700;
  for (const tab of tabs) {
    await page.click(`.view-tabs a[href="${tab.hash}"]`);
    await page.waitForSelector(`#${tab.view}[data-loaded="true"]:not([hidden])`);
    // The promises look up their motivating figures after the view is drawn.
    await page.waitForFunction(() => [...document.querySelectorAll('ul.motivation')].every((u) => u.dataset.loaded));
    problems.push(...await checkPage(page, `${tab.view}-${lang}-${viewport.width}`, { dates: DATED_VIEWS.has(tab.view), screenshot, reflow }));
  }
  for (const report of reportPages(lang)) {
    await page.goto(base + report.url);
    await page.waitForSelector('body[data-ready="true"]');
    problems.push(...await checkPage(page, `${report.file.replace('.html', '')}-${lang}-${viewport.width}`, { ...report, screenshot, reflow }));
  }
  await context.close();
  return [...errors.map((e) => `script error: ${e}`), ...problems];
}

// Two pages at a time: much of a check is the server's work or waiting.
describe('WCAG 2.1 AA, no sideways scrolling, åååå-mm-dd', { concurrency: 2 }, () => {
  for (const viewport of VIEWPORTS) {
    for (const lang of LANGUAGES) {
      test(`every view and page at ${viewport.width} px in ${lang === 'sv' ? 'Swedish' : 'English'}`, async () => {
        assert.deepEqual(await checkEverything(viewport, lang), []);
      });
    }
  }
});
