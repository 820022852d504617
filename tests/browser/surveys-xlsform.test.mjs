// XLSForm in the dashboard, in a real browser against the real server: the demo surveys
// exported with the page's button and read back in node equal the server's; the dialogue's
// export imported as its new version equals the original; a file with problems on several rows
// is refused with each named by sheet and row and nothing imported; what the shared validator
// refuses in an imported file is named by the row it came from. axe-core checks the view.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (the exported files and screenshots are kept there).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactDir, axeViolations, launchBrowser, newAxePage, openDashboardView, request, sourceDir, startDemoServer, stopAll,
} from './harness.mjs';

const require = createRequire(path.join(sourceDir, 'dashboard', 'package.json'));
const ExcelJS = require('exceljs');
const { surveyToWorkbook, workbookToSurvey } = await import(path.join(sourceDir, 'dashboard', 'public', 'xlsform.js'));

const USER = 'samordnare';
const PASSWORD = 'Vindeln-xlsform-2026';
const SURVEY = 'trygghetsenkat_vindeln';
const DESKTOP = { width: 1366, height: 900 };

let tmp;
let server;
let base;
let browser;
let token;

const api = (method, route, body) => request(base, method, route, body, token);

before(async () => {
  ({ tmp, server, base, coordinatorToken: token } = await startDemoServer({
    name: 'surveys-xlsform', user: USER, password: PASSWORD, responsesPerWave: 2,
  }));
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

const openView = (page) => openDashboardView(page, base, USER, PASSWORD, 'surveys', 'surveys-view');

async function status(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('status').textContent), pattern.source);
}

// The survey-sheet row of the question `name`.
function rowOf(sheet, name) {
  let found = 0;
  sheet.eachRow((r, n) => { if (r.getCell(2).value === name) found = n; });
  assert.ok(found, `row of ${name}`);
  return found;
}

// An exported file read back in node; `download` from the page's export button.
async function readDownload(download, name) {
  const file = path.join(artifactDir, name);
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return { file, workbook };
}

test('XLSForm: the demo surveys out and back in, a new version from a file, a broken file refused', async () => {
  const page = await newAxePage(browser, DESKTOP);
  await openView(page);
  for (const id of ['medborgardialog', SURVEY]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`tr[data-survey="${id}"] button.export-xlsform`)]);
    const { workbook } = await readDownload(download, `${id}.xlsx`);
    const server = (await api('GET', `/api/v1/surveys/${id}`)).json().survey;
    assert.deepEqual(workbookToSurvey(workbook).survey, server, `${id} exported and read back`);
  }

  // The dialogue's export imported as its new version: identical but for the version.
  const original = (await api('GET', '/api/v1/surveys/medborgardialog')).json().survey;
  await page.setInputFiles('#xlsform-file', path.join(artifactDir, 'medborgardialog.xlsx'));
  await page.selectOption('#xlsform-target', 'medborgardialog');
  await page.click('#xlsform-form button[type=submit]');
  await status(page, /är inläst som utkast/);
  const imported = (await api('GET', '/api/v1/surveys/medborgardialog')).json();
  assert.equal(imported.status, 'draft');
  assert.deepEqual(imported.survey, { ...original, version: 2 });
  await page.click('button.close-editor');

  // A file with problems on several rows: every one listed, nothing imported.
  const broken = surveyToWorkbook({ ...original, id: 'trasig_enkat' }, ExcelJS);
  const sheet = broken.getWorksheet('survey');
  const typeRow = rowOf(sheet, 'q_forslag');
  const relevantRow = rowOf(sheet, 'q_ort');
  sheet.getRow(typeRow).getCell(1).value = 'calculate';
  sheet.getRow(relevantRow).getCell(8).value = '${q_saknas} = 1';
  const brokenFile = path.join(artifactDir, 'broken.xlsx');
  await broken.xlsx.writeFile(brokenFile);
  const before = (await api('GET', '/api/v1/surveys')).json().surveys;
  await page.setInputFiles('#xlsform-file', brokenFile);
  await page.selectOption('#xlsform-target', '');
  await page.click('#xlsform-form button[type=submit]');
  await page.waitForSelector('#xlsform-errors:not([hidden])');
  const lines = await page.$$eval('#xlsform-errors li', (items) => items.map((i) => i.textContent));
  assert.deepEqual(lines, [
    `survey, rad ${typeRow}: typen 'calculate' stöds inte`,
    `survey, rad ${relevantRow}: relevant '\${q_saknas} = 1' nämner \${q_saknas}, som inte är en fråga före denna`,
  ]);
  assert.deepEqual((await api('GET', '/api/v1/surveys')).json().surveys, before);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(artifactDir, 'surveys-xlsform-errors-1366.png'), fullPage: true });

  // The server's validator on an imported file: its issue named by sheet and row.
  const invalid = surveyToWorkbook({ ...original, id: 'ogiltig_enkat' }, ExcelJS);
  const row = rowOf(invalid.getWorksheet('survey'), 'q_alder');
  invalid.getWorksheet('survey').getRow(row).getCell(7).value = 'yes'; // a background question made required
  const invalidFile = path.join(artifactDir, 'invalid.xlsx');
  await invalid.xlsx.writeFile(invalidFile);
  await page.setInputFiles('#xlsform-file', invalidFile);
  await page.click('#xlsform-form button[type=submit]');
  await page.waitForFunction((r) => document.querySelector('#xlsform-errors li')?.textContent.startsWith(`survey, rad ${r}:`), row);
  assert.match(await page.locator('#xlsform-errors li').first().textContent(), /obligatorisk/);
  assert.equal((await api('GET', '/api/v1/surveys/ogiltig_enkat')).status, 404);
  await page.context().close();
});
