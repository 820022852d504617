// Sending finished responses. Each waits in the outbox (IndexedDB) with its UUIDv7 id and
// fixed body until the server answers stored or duplicate for it, so a retry can never make a
// second copy; only then is it removed, in one transaction with its receipt. Sending uses the
// app's push endpoint with an anonymous resident token for the survey's code, enrolled again
// when it has expired or been revoked. One tab sends at a time (Web Locks).
import { done, get, getAll, put, remove, transact } from '/s/db.js';

const TOKEN_GONE = new Set(['token_expired', 'token_revoked', 'invalid_token', 'unauthorized']);
const MAX_DELAY_MS = 5 * 60 * 1000;

/// Why an outbox entry is not waiting any more: the survey closed before it arrived, the
/// token's limit was reached, or the server refused it for another reason (with its message).
export const STOPPED = ['closed', 'limit', 'rejected'];

class Wait extends Error {
  constructor(seconds) {
    super('wait');
    this.seconds = seconds;
  }
}

async function json(res) {
  try {
    return await res.json();
  } catch {
    return {};
  }
}

function retryAfter(res) {
  const seconds = Number(res.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
}

function hlc(ms) {
  return `${ms.toString(16).padStart(12, '0')}-00000000-web`;
}

/// A resident token for survey `code`: the stored one, else a new enrolment.
export async function residentToken(code, { renew = false } = {}) {
  if (!renew) {
    const stored = await get('tokens', code);
    if (stored && Date.parse(stored.expires_at) > Date.now()) return stored.token;
  }
  const res = await fetch('/api/v1/devices/enrol', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const body = await json(res);
  if (res.status === 201) {
    await put('tokens', { code, token: body.token, campaign_id: body.campaign_id, expires_at: body.expires_at });
    return body.token;
  }
  const error = new Error(body.error?.code ?? `http_${res.status}`);
  error.code = body.error?.code;
  if (res.status === 429) throw new Wait(retryAfter(res));
  throw error;
}

/// Moves a finished response from the draft of `code` to the outbox, atomically.
export function enqueue(code, response) {
  return transact(['drafts', 'outbox'], 'readwrite', async (s) => {
    await done(s.outbox.put({ id: response.id, code, response, state: 'waiting', queuedAt: Date.now() }));
    await done(s.drafts.delete(code));
  });
}

export async function summary() {
  const entries = await getAll('outbox');
  return {
    waiting: entries.filter((e) => e.state === 'waiting'),
    stopped: entries.filter((e) => STOPPED.includes(e.state)),
  };
}

/// Forgets an entry the server will not take (after the resident has been told).
export function discard(id) {
  return remove('outbox', id);
}

export class Sender {
  /// `onChange()` is called whenever the outbox may have changed.
  constructor(onChange) {
    this.onChange = onChange;
    this.failures = 0;
    this.timer = null;
    window.addEventListener('online', () => this.sendSoon(0));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.sendSoon(0);
    });
  }

  sendSoon(delayMs) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.send(), delayMs);
  }

  /// Sends what waits, unless another tab is sending. Never throws.
  async send() {
    clearTimeout(this.timer);
    const run = async () => {
      let waitMs = null;
      try {
        for (const entry of (await summary()).waiting) await this.sendOne(entry);
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        const backoff = Math.min(MAX_DELAY_MS, 2000 * 2 ** Math.min(this.failures, 10));
        waitMs = error instanceof Wait ? error.seconds * 1000 : backoff * (0.5 + Math.random());
      }
      this.onChange();
      if (waitMs !== null && (await summary()).waiting.length) this.sendSoon(waitMs);
    };
    if (navigator.locks) await navigator.locks.request('td-survey-outbox', { ifAvailable: true }, (lock) => (lock ? run() : null));
    else await run();
  }

  async push(entry, token) {
    const record = { kind: 'response', id: entry.id, rev: 1, hlc: hlc(entry.queuedAt), body: entry.response };
    return fetch('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ records: [record] }),
    });
  }

  async stop(entry, state, reason) {
    await put('outbox', { ...entry, state, reason });
  }

  async sendOne(entry) {
    let token;
    try {
      token = await residentToken(entry.code);
    } catch (error) {
      if (error.code === 'campaign_closed' || error.code === 'invalid_code') return this.stop(entry, 'closed');
      throw error;
    }
    let res = await this.push(entry, token);
    if (res.status === 401 && TOKEN_GONE.has((await json(res.clone())).error?.code)) {
      // Expired or revoked: a new token for the same survey, then the same record again.
      try {
        token = await residentToken(entry.code, { renew: true });
      } catch (error) {
        if (error.code === 'campaign_closed' || error.code === 'invalid_code') return this.stop(entry, 'closed');
        throw error;
      }
      res = await this.push(entry, token);
    }
    if (res.status === 429) throw new Wait(retryAfter(res));
    if (res.status !== 200) throw new Error(`push answered ${res.status}`);
    const result = (await json(res)).results?.[0];
    if (!result || result.id !== entry.id) throw new Error('push answered for another record');
    if (result.status === 'stored' || result.status === 'duplicate') {
      await transact(['outbox', 'receipts'], 'readwrite', async (s) => {
        await done(s.receipts.put({ id: entry.id, code: entry.code, sentAt: Date.now() }));
        await done(s.outbox.delete(entry.id));
      });
      return undefined;
    }
    const code = result.reason?.code;
    if (code === 'campaign_closed') return this.stop(entry, 'closed', result.reason);
    if (code === 'response_limit_reached') return this.stop(entry, 'limit', result.reason);
    return this.stop(entry, 'rejected', result.reason ?? { message: result.status });
  }
}
