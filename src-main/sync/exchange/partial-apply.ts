import type Database from 'better-sqlite3-multiple-ciphers';
import type { RemovedCustomer } from '../scope/customer-removal';

// A large bundle (a store's first, 100k customers) is applied in chunks, each committed on its own,
// so that cancelling, a crash or a closed laptop loses at most one chunk and the next import of the
// same bundle goes on from there: entries already in the log are skipped by the log itself (a
// change is applied once per origin and seq). What cannot be read back from the log — the
// customers removed by the bundle's first chunk and the running counts for the answer — is kept
// here, in the same transactions. The partner's bookkeeping (numbers, acknowledgements, the history
// row) is written only with the last chunk, so a half-applied bundle acknowledges nothing.

const KEY_PREFIX = 'sync_partial_apply:';

export interface PartialApply {
  number: number;
  /** Entries of the bundle gone through so far (in its order). */
  done: number;
  applied: number;
  conflicts: number;
  removed: RemovedCustomer[];
  /** Customers coming back (decided with the first chunk): logged only, rebuilt with the last. */
  returning: string[];
}

/** What committed earlier of a bundle of this partner that did not finish, or null. */
export function readPartialApply(db: Database.Database, partnerId: number): PartialApply | null {
  const value = db
    .prepare('SELECT value FROM meta WHERE key = ?')
    .pluck()
    .get(KEY_PREFIX + partnerId) as string | undefined;
  return value === undefined ? null : (JSON.parse(value) as PartialApply);
}

/** Inside the chunk's transaction: commits with it or not at all. */
export function savePartialApply(db: Database.Database, partnerId: number, state: PartialApply): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    KEY_PREFIX + partnerId,
    JSON.stringify(state),
  );
}

/** With the last chunk (or a later bundle of the partner, which carries everything this one did). */
export function clearPartialApply(db: Database.Database, partnerId: number): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(KEY_PREFIX + partnerId);
}
