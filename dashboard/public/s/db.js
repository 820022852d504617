// What the survey keeps in this browser, in IndexedDB, and nothing else (no cookies):
//   drafts    the response being answered, per survey code, written as each answer changes;
//   outbox    finished responses waiting to be sent, with their UUIDv7 ids;
//   tokens    the resident token per survey code (anonymous, for that one survey);
//   receipts  the ids and times of responses the server has stored (to say so after a reload).

const NAME = 'trygghetsdialog-survey';
const VERSION = 1;
let opening = null;

export function openDb() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(NAME, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('drafts', { keyPath: 'code' });
      db.createObjectStore('outbox', { keyPath: 'id' });
      db.createObjectStore('tokens', { keyPath: 'code' });
      db.createObjectStore('receipts', { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

/// The result of an IndexedDB request as a promise.
export function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/// Runs `work` with the named object stores of one transaction and resolves with its result
/// once the transaction has committed (durably: 'strict'). A throw in `work` aborts it all.
export async function transact(names, mode, work) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(names, mode, { durability: 'strict' });
    const stores = Object.fromEntries(names.map((name) => [name, tx.objectStore(name)]));
    let result;
    Promise.resolve()
      .then(() => work(stores))
      .then((value) => {
        result = value;
      }, (error) => {
        try {
          tx.abort();
        } catch {
          // already finished
        }
        reject(error);
      });
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

export const get = (store, key) => transact([store], 'readonly', (s) => done(s[store].get(key)));
export const getAll = (store) => transact([store], 'readonly', (s) => done(s[store].getAll()));
export const put = (store, value) => transact([store], 'readwrite', (s) => done(s[store].put(value)));
export const remove = (store, key) => transact([store], 'readwrite', (s) => done(s[store].delete(key)));
