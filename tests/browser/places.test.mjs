// The place registry on the dashboard map, in a real browser: Debian's chromium driven by
// playwright-core against the real td-sync-server on loopback, seeded with the Vindeln demo
// registry. A coordinator adds a place by clicking the map (refused first at the fields the
// server names), moves a place by dragging its marker and another by typing its coordinates with
// the keyboard only, renames one, and meets a concurrent change (made through the API between
// loading the view and saving) both in the form and on a drag. An officer device's pull then
// carries the new, moved and renamed places, and every write is in the audit log. A place is
// retired and reinstated after a confirmation, shown as retired and filtered, pulled by old and
// new apps in the shape each knows, and a retirement made meanwhile is a conflict. axe-core
// checks the view at desktop and phone size, in Swedish and English.
//
// Environment (set by tests/browser/CMakeLists.txt): TD_SERVER_BIN, TD_SOURCE_DIR,
// TD_REFERENCE_DATA_DIR, TD_ARTIFACT_DIR (screenshots are kept there).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactDir, axeViolations, launchBrowser, newAxePage, openDashboardView, request, serverBin, startDemoServer,
  stopAll,
} from './harness.mjs';

const USER = 'samordnare';
const PASSWORD = 'Vindeln-platser-2026';
const ADMIN_PASSWORD = 'Vindeln-revisor-2026';
const HOSTILE = '<img src=x onerror="document.body.dataset.pwned=\'yes\'">';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const NEW_ID = 'vindeln_nya_lekplatsen';

let tmp;
let db;
let server;
let base;
let browser;
let token;
let officerToken;
let dragged; // where the drag test left vindeln_stationen

const api = (method, route, body, bearer = token) => request(base, method, route, body, bearer);
const place = async (id) => {
  const res = await api('GET', `/api/v1/places/${id}`);
  assert.equal(res.status, 200, res.text);
  return res.json();
};

before(async () => {
  let officerCode;
  ({ tmp, db, server, base, coordinatorToken: token, officerCode } = await startDemoServer({
    name: 'places', user: USER, password: PASSWORD, responsesPerWave: 5,
  }));
  const enrol = await api('POST', '/api/v1/devices/enrol', { code: officerCode, label: 'Vandringsplatta' }, undefined);
  assert.equal(enrol.status, 201, enrol.text);
  officerToken = enrol.json().token;
  browser = await launchBrowser();
});

after(async () => {
  await stopAll({ browser, server, tmp });
});

async function openView(viewport = DESKTOP) {
  const page = await newAxePage(browser, viewport);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await openDashboardView(page, base, USER, PASSWORD, 'places', 'places-view');
  await page.waitForSelector('#places-map .place-marker');
  return { page, errors };
}

const status = (page, pattern) =>
  page.waitForFunction((source) => new RegExp(source).test(document.getElementById('status').textContent), pattern.source);

// The centre of an element on the screen.
async function centre(locator) {
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

// Degrees per screen pixel near the map's centre, measured from two registry markers whose
// positions are known (the map is Web Mercator: over a few hundred metres both are linear).
async function scale(page, a, b) {
  const [pa, pb] = [await centre(page.locator(`.place-${a.id}`)), await centre(page.locator(`.place-${b.id}`))];
  return { lon: (b.lon - a.lon) / (pb.x - pa.x), lat: (b.lat - a.lat) / (pb.y - pa.y) };
}

async function drag(page, locator, dx, dy) {
  const from = await centre(locator);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + (dx * i) / 10, from.y + (dy * i) / 10);
  await page.mouse.up();
  return { x: from.x + dx, y: from.y + dy };
}

test('the registry shows on the map and in the table, and passes axe at desktop size', async () => {
  const { page, errors } = await openView();
  const registry = (await api('GET', '/api/v1/places')).json().places;
  assert.ok(registry.length >= 10, 'the demo registry is loaded');
  assert.equal(await page.locator('#places-map .place-marker').count(), registry.length);
  assert.equal(await page.locator('#places-table tbody tr').count(), registry.length);
  const row = page.locator('#places-table tr[data-place=vindeln_gc_tunneln]');
  assert.match(await row.textContent(), /Gång- och cykeltunneln/);
  assert.match(await row.textContent(), /64\.20330, 19\.71550/);
  assert.match(await page.textContent('#status'), new RegExp(`Platsregistret är hämtat: ${registry.length} platser`));
  // One locality at a time: the table and the markers show its places only.
  await page.selectOption('#places-locality', 'vindeln');
  const vindeln = registry.filter((p) => p.locality === 'vindeln').map((p) => p.id).sort();
  assert.deepEqual((await page.$$eval('#places-table tbody tr', (rows) => rows.map((r) => r.dataset.place))).sort(), vindeln);
  assert.equal(await page.locator('#places-map .place-marker').count(), vindeln.length);
  assert.deepEqual(await axeViolations(page), []);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), DESKTOP.width);
  await page.screenshot({ path: path.join(artifactDir, 'places-1366.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a new place by a click on the map, refused first at the fields the server names', async () => {
  const { page, errors } = await openView();
  await page.click('#new-place');
  await page.waitForSelector('#place-form');
  // A click on the map sets the position and shows a draggable marker there.
  // The same point of the map each time, wherever the page has scrolled to: the first of a few
  // where no marker lies.
  const mapPoint = async ([fx, fy]) => {
    await page.evaluate(() => document.getElementById('places-map').scrollIntoView({ block: 'center' }));
    const box = await page.locator('#places-map').boundingBox();
    return { x: box.x + box.width * fx, y: box.y + box.height * fy };
  };
  let free;
  for (const fraction of [[0.4, 0.55], [0.6, 0.3], [0.8, 0.8], [0.2, 0.2]]) {
    const at = await mapPoint(fraction);
    if (await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.id === 'places-map', at)) {
      free = fraction;
      break;
    }
  }
  assert.ok(free, 'a point of the map without a marker');
  let click = await mapPoint(free);
  await page.mouse.click(click.x, click.y);
  await page.waitForSelector('.place-marker.place-new');
  const draftAt = await centre(page.locator('.place-marker.place-new'));
  assert.ok(Math.abs(draftAt.x - click.x) <= 2 && Math.abs(draftAt.y - click.y) <= 2, JSON.stringify({ draftAt, click }));
  const lat = Number(await page.inputValue('#place-lat'));
  const lon = Number(await page.inputValue('#place-lon'));
  assert.ok(lat > 64 && lat < 64.6 && lon > 19.2 && lon < 19.8, `the click is in Vindeln municipality: ${lat}, ${lon}`);

  // A malformed id and a latitude out of range (refused by the server's decoder), then an
  // other name given twice (by its validator, as a list of issues): each 422 at its field.
  await page.fill('#place-name', HOSTILE);
  await page.fill('#place-locality', 'vindeln');
  assert.match(await page.inputValue('#place-id'), /^vindeln_img_src_x/, 'the id is suggested from locality and name');
  await page.fill('#place-id', 'Nya Lekplatsen!');
  await page.click('#place-save');
  await page.waitForSelector('#place-id-error');
  assert.match(await page.textContent('#place-id-error'), /gemena a–z/);
  assert.equal(await page.getAttribute('#place-id', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'place-id', 'focus moves to the refused field');
  await page.fill('#place-id', 'vindeln_lekplatsen_x');
  await page.fill('#place-lat', '95');
  await page.click('#place-save');
  await page.waitForSelector('#place-lat-error');
  assert.match(await page.textContent('#place-lat-error'), /latitud −90 till 90/);
  assert.match(await page.getAttribute('#place-lat', 'aria-describedby'), /place-lat-error/);
  assert.equal(await page.locator('#place-id-error').count(), 0, 'the corrected id is no longer marked');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'place-lat');
  await page.fill('#place-lat', '64.2');
  await page.fill('#place-aliases', 'Lekparken\nLekparken');
  await page.click('#place-save');
  await page.waitForSelector('#place-aliases-error');
  assert.equal(await page.textContent('#place-aliases-error'), 'Samma namn står två gånger.');
  assert.equal(await page.locator('#place-lat-error').count(), 0);
  assert.equal((await api('GET', `/api/v1/places`)).json().places.filter((p) => p.name === HOSTILE).length, 0);
  assert.deepEqual(await axeViolations(page), [], 'the refused form passes axe');
  await page.screenshot({ path: path.join(artifactDir, 'places-refused.png'), fullPage: true });

  // Corrected: the position by a second click, the id typed, two other names.
  click = await mapPoint(free);
  await page.mouse.click(click.x, click.y);
  await page.waitForFunction(() => document.getElementById('place-lat').value !== '64.2');
  const chosen = { lat: Number(await page.inputValue('#place-lat')), lon: Number(await page.inputValue('#place-lon')) };
  assert.deepEqual(chosen, { lat, lon }, 'the same point gives the same position');
  await page.fill('#place-id', NEW_ID);
  await page.selectOption('#place-kind', 'park');
  await page.fill('#place-aliases', 'Lekparken\nNya parken');
  await page.click('#place-save');
  await status(page, /är tillagd/);

  const saved = await place(NEW_ID);
  assert.deepEqual(saved, { id: NEW_ID, name: HOSTILE, locality: 'vindeln', lat, lon, kind: 'park', aliases: ['Lekparken', 'Nya parken'] });
  const row = page.locator(`#places-table tr[data-place=${NEW_ID}]`);
  assert.equal(await row.locator('.place-name').textContent(), HOSTILE, 'the hostile name stays text');
  assert.match(await row.textContent(), /Park.*vindeln.*Lekparken, Nya parken/s);
  assert.equal(await page.locator('#places-view img:not(.leaflet-tile)').count(), 0, 'no markup from the name');
  assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
  // The saved marker stands where the map was clicked, and its tooltip shows the name as text.
  click = await mapPoint(free);
  const markerAt = await centre(page.locator(`.place-marker.place-${NEW_ID}`));
  assert.ok(Math.abs(markerAt.x - click.x) <= 2 && Math.abs(markerAt.y - click.y) <= 2, JSON.stringify({ markerAt, click }));
  await page.hover(`.place-marker.place-${NEW_ID}`);
  await page.waitForSelector('.leaflet-tooltip');
  assert.equal(await page.textContent('.leaflet-tooltip'), HOSTILE);
  assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);

  // The same id again is refused at the id field.
  await page.click('#new-place');
  await page.fill('#place-name', 'Dubblett');
  await page.fill('#place-locality', 'vindeln');
  await page.fill('#place-id', NEW_ID);
  await page.fill('#place-lat', '64,2');
  await page.fill('#place-lon', '19.7');
  await page.click('#place-save');
  await page.waitForSelector('#place-id-error');
  assert.match(await page.textContent('#place-id-error'), /finns redan/);
  assert.equal((await place(NEW_ID)).name, HOSTILE, 'the existing place is untouched');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('dragging a marker moves the place, saved with its new position', async () => {
  const { page, errors } = await openView();
  const station = await place('vindeln_stationen');
  const sports = await place('vindeln_idrottsplatsen');
  await page.click('#places-table tr[data-place=vindeln_stationen] button.show-place');
  const perPixel = await scale(page, station, sports);
  const marker = page.locator('.place-marker.place-vindeln_stationen');
  const drop = await drag(page, marker, 80, 50);
  await status(page, /Stationen är flyttad/);

  dragged = await place('vindeln_stationen');
  assert.equal(dragged.name, station.name, 'only the position changed');
  assert.deepEqual(dragged.aliases, station.aliases);
  const expected = { lon: station.lon + 80 * perPixel.lon, lat: station.lat + 50 * perPixel.lat };
  assert.ok(Math.abs(dragged.lon - expected.lon) <= 2 * Math.abs(perPixel.lon), `lon ${dragged.lon} ≈ ${expected.lon}`);
  assert.ok(Math.abs(dragged.lat - expected.lat) <= 2 * Math.abs(perPixel.lat), `lat ${dragged.lat} ≈ ${expected.lat}`);
  assert.ok(dragged.lon > station.lon && dragged.lat < station.lat, 'right and down is east and south');
  // After the reload the marker is at the drop point and the table says the new position.
  const now = await centre(page.locator('.place-marker.place-vindeln_stationen'));
  assert.ok(Math.abs(now.x - drop.x) <= 2 && Math.abs(now.y - drop.y) <= 2, JSON.stringify({ now, drop }));
  assert.match(await page.textContent('#places-table tr[data-place=vindeln_stationen]'),
    new RegExp(`${dragged.lat.toFixed(5)}, ${dragged.lon.toFixed(5)}`));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('with the keyboard only: a place is moved by typing its coordinates, another renamed', async () => {
  const { page, errors } = await openView();
  const school = await place('vindeln_skolgarden');
  await page.focus('#places-table tr[data-place=vindeln_skolgarden] button.edit-place');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#place-form');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'place-name', 'the form takes the focus');
  assert.equal(await page.getAttribute('#place-id', 'readonly'), '', 'an id does not change');
  await page.focus('#place-lat');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('64,2045');
  await page.keyboard.press('Tab'); // to the longitude
  await page.keyboard.press('Control+A');
  await page.keyboard.type('19.72301');
  await page.keyboard.press('Enter');
  await status(page, /Ändringarna av Skolgården är sparade/);
  assert.deepEqual(await place('vindeln_skolgarden'), { ...school, lat: 64.2045, lon: 19.72301 });

  // Rename the dragged station and give it its old name as another name.
  await page.focus('#places-table tr[data-place=vindeln_stationen] button.edit-place');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#place-form');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Resecentrum Vindeln');
  await page.fill('#place-aliases', 'Stationen\nTågstationen');
  await page.focus('#place-save');
  await page.keyboard.press('Enter');
  await status(page, /Ändringarna av Resecentrum Vindeln är sparade/);
  const renamed = await place('vindeln_stationen');
  assert.deepEqual(renamed, { ...dragged, name: 'Resecentrum Vindeln', aliases: ['Stationen', 'Tågstationen'] });
  dragged = renamed;
  assert.match(await page.textContent('#place-form-heading'), /Resecentrum Vindeln/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a place changed by someone else meanwhile: the save is refused, said clearly, and the view reloaded', async () => {
  const { page, errors } = await openView();
  // In the form: the municipality renames the park after the coordinator opened the view.
  await page.click('#places-table tr[data-place=vindeln_centrumparken] button.edit-place');
  const park = await place('vindeln_centrumparken');
  const theirs = { ...park, name: 'Centrumparken (kommunens namn)' };
  const put = await api('PUT', '/api/v1/places/vindeln_centrumparken', theirs);
  assert.equal(put.status, 200, put.text);
  await page.fill('#place-name', 'Parken i centrum');
  await page.click('#place-save');
  await page.waitForSelector('#places-conflict:not([hidden])');
  assert.match(await page.textContent('#places-conflict'), /Centrumparken har ändrats av någon annan.*sparades inte/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'places-conflict', 'the message takes the focus');
  assert.deepEqual(await place('vindeln_centrumparken'), theirs, 'the other change is kept');
  assert.equal(await page.inputValue('#place-name'), theirs.name, 'the form shows the place as it is now');
  assert.match(await page.textContent('#places-table tr[data-place=vindeln_centrumparken]'), /kommunens namn/);
  assert.match(await page.textContent('#status'), /Inte sparat/);
  assert.deepEqual(await axeViolations(page), [], 'the conflict message passes axe');
  await page.screenshot({ path: path.join(artifactDir, 'places-conflict.png'), fullPage: true });

  // On a drag: the place was moved through the API after the view loaded.
  const hall = await place('hallnas_parken');
  const moved = { ...hall, lat: 64.3011, lon: 19.6301 };
  assert.equal((await api('PUT', '/api/v1/places/hallnas_parken', moved)).status, 200);
  await page.click('#places-table tr[data-place=hallnas_parken] button.show-place');
  await drag(page, page.locator('.place-marker.place-hallnas_parken'), -60, 40);
  await page.waitForFunction(() => /Parken i Hällnäs har ändrats/.test(document.getElementById('places-conflict').textContent));
  assert.deepEqual(await place('hallnas_parken'), moved, 'the drag did not overwrite the other move');
  assert.match(await page.textContent('#places-table tr[data-place=hallnas_parken]'), /64\.30110, 19\.63010/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("an officer device's pull carries the new, moved and renamed places", async () => {
  const found = await pulledPlaces(3);
  assert.deepEqual(found.get('vindeln_stationen'), dragged);
  assert.equal(found.get(NEW_ID)?.name, HOSTILE);
  assert.equal(found.get('vindeln_skolgarden')?.lat, 64.2045);
  assert.equal(found.get('vindeln_centrumparken')?.name, 'Centrumparken (kommunens namn)');
});

// The registry's places in an officer device's pull from the start, as the app speaking
// `protocol` gets them: id → the change's body, or null for a deletion.
async function pulledPlaces(protocol) {
  const found = new Map();
  let cursor = '';
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${base}/api/v1/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=500`, {
      headers: { Authorization: `Bearer ${officerToken}`, 'TD-Protocol': String(protocol) },
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    for (const c of body.changes) if (c.kind === 'place') found.set(c.id, c.deleted ? null : c.body);
    cursor = body.cursor;
    if (!body.more) break;
  }
  return found;
}

test('a place is retired and reinstated after a confirmation, shown as retired and filtered', async () => {
  const { page, errors } = await openView();
  const retireButton = '#places-table tr[data-place=vindeln_gc_tunneln] button.retire-place';
  assert.equal(await page.getAttribute(retireButton, 'aria-label'), 'Avveckla: Gång- och cykeltunneln');
  // Cancelled: nothing changes.
  await page.click(retireButton);
  await page.waitForSelector('#retire-place-dialog');
  assert.match(await page.textContent('#retire-place-dialog'), /Avveckla Gång- och cykeltunneln\?.*räknas som förut/s);
  assert.deepEqual(await axeViolations(page), [], 'the confirmation passes axe');
  await page.click('#retire-place-dialog-cancel');
  assert.equal(await page.locator('#retire-place-dialog').count(), 0);
  assert.equal((await place('vindeln_gc_tunneln')).retired_at, undefined);

  // Confirmed: retired, marked in words in the table and paler on the map, and still listed.
  await page.click(retireButton);
  await page.click('#retire-place-dialog-confirm');
  await status(page, /Gång- och cykeltunneln är avvecklad/);
  const retired = await place('vindeln_gc_tunneln');
  assert.match(retired.retired_at, /^\d{4}-\d\d-\d\dT/);
  const row = page.locator('#places-table tr[data-place=vindeln_gc_tunneln]');
  assert.equal(await row.locator('.retired-tag').textContent(), `Avvecklad ${retired.retired_at.slice(0, 10)}`);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'secondary reinstate-place',
    'focus stays on the row, on the button that undoes it');
  assert.equal(await page.locator('.place-marker.place-vindeln_gc_tunneln.retired').count(), 1);

  // The filter: retired places only, then those in service.
  const total = (await api('GET', '/api/v1/places')).json().places.length;
  await page.selectOption('#places-status', 'retired');
  assert.deepEqual(await page.$$eval('#places-table tbody tr', (rows) => rows.map((r) => r.dataset.place)), ['vindeln_gc_tunneln']);
  assert.equal(await page.locator('#places-map .place-marker').count(), 1);
  assert.match(await page.textContent('#places-status'), /Avvecklade \(1\)/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(artifactDir, 'places-retired.png'), fullPage: true });
  await page.selectOption('#places-status', 'active');
  assert.equal(await page.locator('#places-table tbody tr').count(), total - 1);
  assert.equal(await page.locator('#places-table tr[data-place=vindeln_gc_tunneln]').count(), 0);
  await page.selectOption('#places-status', 'all');

  // Apps of protocol 3 get the place with retired_at; older apps a deletion, so that one that
  // holds it drops it and stops offering it.
  assert.equal((await pulledPlaces(3)).get('vindeln_gc_tunneln').retired_at, retired.retired_at);
  for (const protocol of [1, 2]) {
    const old = await pulledPlaces(protocol);
    assert.equal(old.get('vindeln_gc_tunneln'), null, `protocol ${protocol}`);
    assert.ok(old.get('vindeln_stationen'), 'places in service are pulled as before');
  }

  // Retired through the API after the view loaded: the view's retire is a conflict, said clearly.
  assert.equal((await api('POST', '/api/v1/places/hallnas_parken/retire')).status, 200);
  await page.click('#places-table tr[data-place=hallnas_parken] button.retire-place');
  await page.click('#retire-place-dialog-confirm');
  await page.waitForFunction(() => /Parken i Hällnäs har ändrats/.test(document.getElementById('places-conflict').textContent));
  assert.equal(await page.locator('#places-table tr[data-place=hallnas_parken] .retired-tag').count(), 1, 'reloaded');

  // Reinstated: offered again, and pulled again by old apps.
  await page.click('#places-table tr[data-place=vindeln_gc_tunneln] button.reinstate-place');
  await page.waitForSelector('#reinstate-place-dialog');
  await page.click('#reinstate-place-dialog-confirm');
  await status(page, /Gång- och cykeltunneln är återinförd/);
  assert.equal((await place('vindeln_gc_tunneln')).retired_at, undefined);
  assert.equal(await page.locator('#places-table tr[data-place=vindeln_gc_tunneln] .retired-tag').count(), 0);
  assert.equal((await pulledPlaces(1)).get('vindeln_gc_tunneln')?.name, 'Gång- och cykeltunneln');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a mention that names no registry place is linked to one, counted there, and unlinked', async () => {
  const listed = (await api('GET', '/api/v1/place-mentions')).json().mentions;
  // (words without Å, Ä or Ö in capitals, which the lägesbild compares byte by byte)
  const mention = listed.find((m) => m.kind === 'mention' && !m.link && m.text && !/[ÅÄÖÉ]/.test(m.text));
  assert.ok(mention, 'the demo data has a mention in words');
  const key = `${mention.response_id}/${mention.question_id}/${mention.index}`;
  const unlocatedBefore = await unlocatedCount(mention);
  assert.ok(unlocatedBefore >= 1, 'the words are among the lägesbild\'s mentions without a place');
  const { page, errors } = await openView();
  const row = page.locator(`#place-mentions-table tr[data-mention="${key}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), new RegExp(`${mention.date}.*Enkätsvar.*Ingen koppling`, 's'));
  assert.equal(await row.locator('.mention-text').textContent(), whatOf(mention), 'the words are shown as text');

  await row.locator('button.link-mention').click();
  await page.waitForSelector('#place-link-dialog');
  assert.deepEqual(await axeViolations(page), [], 'the link dialog passes axe');
  await page.selectOption('#place-link-place', 'vindeln_stationen');
  await page.click('#place-link-dialog-confirm');
  await status(page, /kopplat till Resecentrum Vindeln/);
  const links = (await api('GET', '/api/v1/place-links')).json().links;
  const made = links.find((l) => l.response_id === mention.response_id && l.index === mention.index);
  assert.ok(made, JSON.stringify(links));
  assert.equal(made.place_id, 'vindeln_stationen');
  assert.equal(made.created_by, USER);
  // Linked: no longer among the unlinked ones (focus goes to the row in its place); all of them
  // shows it with its place, and focus stays on its row when the link is removed.
  assert.equal(await row.count(), 0);
  assert.ok(await page.evaluate(() => Boolean(document.activeElement.closest('#place-mentions'))), 'focus stays in the list');
  await page.uncheck('#place-mentions-unlinked');
  assert.match(await row.locator('.mention-link').textContent(), /Resecentrum Vindeln/);
  // The lägesbild counts it at the station now, no longer among the mentions without a place.
  assert.equal(await unlocatedCount(mention), unlocatedBefore - 1);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(artifactDir, 'places-mentions.png'), fullPage: true });

  await row.locator('button.unlink-mention').click();
  await status(page, /Kopplingen till Resecentrum Vindeln är borttagen/);
  assert.equal((await api('GET', '/api/v1/place-links')).json().links.length, links.length - 1);
  assert.match(await row.locator('.mention-link').textContent(), /Ingen koppling/);
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr')?.dataset.mention), key);
  assert.deepEqual(errors, []);
  await page.context().close();
});

// How often the lägesbild of the mention's campaign counts its words among the mentions it
// could not place (the words as it compares them: lower case, spaces collapsed).
async function unlocatedCount(mention) {
  const res = await api('GET', `/api/v1/picture?campaign=${encodeURIComponent(mention.campaign_id)}`);
  assert.equal(res.status, 200, res.text);
  const words = mention.text.trim().toLowerCase().replace(/\s+/g, ' ');
  return res.json().unlocated.find((u) => u.text === words)?.count ?? 0;
}

// What the list shows of a mention: its words, and the point it marks.
function whatOf(m) {
  const point = m.position ? `punkt ${m.position.lat.toFixed(5)}, ${m.position.lon.toFixed(5)}` : '';
  return [m.text || '', point].filter(Boolean).join(' · ');
}

test('every write to the registry is in the audit log, and refused saves are not', async () => {
  execFileSync(serverBin, ['--db', db, 'admin', 'create-admin', 'revisor'], {
    env: { ...process.env, TD_ADMIN_PASSWORD: ADMIN_PASSWORD },
  });
  const login = await request(base, 'POST', '/api/v1/auth/login', { username: 'revisor', password: ADMIN_PASSWORD });
  assert.equal(login.status, 200, login.text);
  const res = await request(base, 'GET', '/api/v1/audit?action=place.', undefined, login.json().token);
  assert.equal(res.status, 200, res.text);
  const entries = res.json().entries;
  const count = (action, target) => entries.filter((e) => e.action === action && (target === undefined || e.target === target)).length;
  assert.equal(count('place.create'), 1, 'one place added (the refused attempts are not written)');
  assert.equal(count('place.update', 'vindeln_stationen'), 2, 'the drag and the rename');
  assert.equal(count('place.update', 'vindeln_skolgarden'), 1);
  assert.equal(count('place.update', 'vindeln_centrumparken'), 1, 'only the change made through the API');
  assert.equal(count('place.update', 'hallnas_parken'), 1, 'only the move made through the API');
  assert.equal(count('place.retire', 'vindeln_gc_tunneln'), 1);
  assert.equal(count('place.retire', 'hallnas_parken'), 1, 'only the retirement made through the API');
  assert.equal(count('place.reinstate', 'vindeln_gc_tunneln'), 1);
  assert.ok(entries.every((e) => e.actor.name === USER && e.actor.role === 'coordinator'), JSON.stringify(entries[0]));
});

test('at phone size in English: the form fits 390 px and passes axe', async () => {
  const { page, errors } = await openView(PHONE);
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.getElementById('places-heading')?.textContent === 'Place registry');
  assert.match(await page.textContent('#places-table tr[data-place=vindeln_gc_tunneln]'), /Underpass/);
  assert.match(await page.textContent('#places-table tr[data-place=hallnas_parken] .retired-tag'), /^Retired \d{4}-\d\d-\d\d$/);
  assert.equal(await page.textContent('#places-table tr[data-place=hallnas_parken] button.reinstate-place'), 'Reinstate');
  assert.deepEqual(await axeViolations(page), []);
  await page.click('#new-place');
  await page.click('#place-save'); // nothing filled in: required, at each field
  await page.waitForSelector('#place-name-error');
  assert.equal(await page.textContent('#place-name-error'), 'Required.');
  assert.match(await page.textContent('#place-lat-error'), /Click the map or type a coordinate/);
  assert.deepEqual(await axeViolations(page), []);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `the page is ${width} px wide`);
  await page.screenshot({ path: path.join(artifactDir, 'places-390.png'), fullPage: true });
  await page.locator('#places-view > section').first().screenshot({ path: path.join(artifactDir, 'places-390-form.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});
