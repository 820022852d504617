// The web survey's service worker, scope /s/ only. On install it caches the page's files and
// the WebAssembly model; the page then asks it to cache its own address and its survey. Pages
// and the survey are fetched from the network first (so a closed survey is seen at once) and
// from the cache when there is no network; the other files from the cache, refreshed behind.
// Requests that change anything (enrolment, push) are never touched.
const CACHE = 'td-survey-v1';
const FILES = [
  '/s/', '/s/app.js', '/s/form.js', '/s/questions.js', '/s/place.js', '/s/views.js',
  '/s/outbox.js', '/s/db.js', '/s/model.js', '/s/uuid.js', '/s/survey.css',
  '/s/i18n/sv.json', '/s/i18n/en.json', '/dom.js', '/i18n.js',
  '/s/td-model.js', '/s/td-model.wasm',
];
const PAGE = '/s/';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => Promise.all(FILES.map((url) => cache.add(url).catch(() => undefined))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('td-survey-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// The page asks for its own address and its survey to be kept (they were fetched before this
// worker controlled the page).
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'cache') return;
  const urls = (event.data.urls ?? []).filter((u) => typeof u === 'string' && u.startsWith('/'));
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map(async (url) => {
    const res = await fetch(url).catch(() => null);
    if (res?.ok) await cache.put(url.startsWith('/s/') && !url.includes('.') ? PAGE : url, res);
  }))));
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(key, res.clone());
    else if (res.status === 404 || res.status === 410) await cache.delete(key);
    return res;
  } catch (error) {
    const cached = await cache.match(key, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(event.request, { ignoreVary: true });
  const refresh = fetch(event.request).then(async (res) => {
    if (res.ok) await cache.put(event.request, res.clone());
    return res;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => undefined));
    return cached;
  }
  return refresh;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.startsWith('/s/')) {
    event.respondWith(networkFirst(request, PAGE));
  } else if (url.pathname.startsWith('/api/v1/web-surveys/')) {
    event.respondWith(networkFirst(request, url.pathname));
  } else if (FILES.includes(url.pathname)) {
    event.respondWith(cacheFirst(event));
  }
});
