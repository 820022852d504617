// The server API: login, authorised JSON requests and file downloads. The bearer token lives
// in sessionStorage only (gone when the tab closes).

const TOKEN_KEY = 'td.token';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function logout() {
  sessionStorage.removeItem(TOKEN_KEY);
}

async function errorOf(res) {
  let code = 'http_' + res.status;
  let message = res.statusText;
  let issues;
  let where;
  try {
    const body = await res.json();
    if (body?.error) ({ code, message, issues, path: where } = body.error);
  } catch {
    // not JSON: keep the status text
  }
  const error = new ApiError(res.status, code, message);
  error.issues = issues || [];
  if (where) error.path = where;
  const retryAfter = Number(res.headers.get('Retry-After'));
  if (retryAfter > 0) error.retryAfter = retryAfter;
  return error;
}

export async function login(username, password) {
  const res = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw await errorOf(res);
  const body = await res.json();
  sessionStorage.setItem(TOKEN_KEY, body.token);
  return body;
}

function authorised(path) {
  return fetch(path, { headers: { Authorization: `Bearer ${token()}` } });
}

export async function getJson(path) {
  const res = await authorised(path);
  if (!res.ok) throw await errorOf(res);
  return res.json();
}

// The parsed JSON reply and its ETag (the revision it was read at, for an If-Match).
export async function getJsonTagged(path) {
  const res = await authorised(path);
  if (!res.ok) throw await errorOf(res);
  return { body: await res.json(), etag: res.headers.get('ETag') };
}

// Sends `body` as JSON with the token (POST, PUT …) and answers the parsed JSON reply.
// `headers` adds fields, e.g. If-Match.
export async function sendJson(method, path, body, headers = {}) {
  const res = await fetch(path, {
    method,
    headers: { ...headers, Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await errorOf(res);
  return res.json();
}

// Sends `text` with `contentType` and the token; answers the parsed JSON reply, or null for an
// empty one (204).
export async function sendText(method, path, text, contentType) {
  const res = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token()}`, 'Content-Type': contentType },
    body: text,
  });
  if (!res.ok) throw await errorOf(res);
  return res.status === 204 ? null : res.json();
}

function fileNameOf(res, fallback) {
  const disposition = res.headers.get('Content-Disposition') || '';
  const match = /filename="([^"]+)"/.exec(disposition);
  return match ? match[1] : fallback;
}

// Fetches `path` with the token and saves it through a temporary link. Returns the file name.
export async function download(path, fallbackName) {
  const res = await authorised(path);
  if (!res.ok) throw await errorOf(res);
  const name = fileNameOf(res, fallbackName);
  saveBlob(await res.blob(), name);
  return name;
}

// Saves `blob` as the file `name` through a temporary link.
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
