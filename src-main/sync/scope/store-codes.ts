import type Database from 'better-sqlite3-multiple-ciphers';
import { KecardError } from '../../../src-shared/errors';
import { siteCode } from '../../changelog/site-code';

// The 门店 field of a customer (customers.store_code) names a site of the sync network. A store's
// scope is the customers of the 门店 codes HQ gave it (scope-rules.ts), so a customer a store makes
// belongs to the store unless said otherwise, and a store cannot leave one without a 门店: at the
// next exchange HQ would take it out of the store's scope and the store would lose it.

interface SiteSide {
  role: 'hq' | 'store' | null;
  code: string | null;
}

function siteSide(db: Database.Database): SiteSide {
  const role = (db.prepare('SELECT role FROM sync_site WHERE id = 1').pluck().get() as 'hq' | 'store' | undefined) ?? null;
  return { role, code: role ? siteCode(db) : null };
}

/** The 门店 a new customer gets when none was given: this store's code at a store, else none. */
export function defaultStoreCode(db: Database.Database): string | null {
  const side = siteSide(db);
  return side.role === 'store' ? side.code : null;
}

/**
 * A 门店 a user sets must be a site of this network (this site or a partner); a store may not
 * clear it. Values arriving from other sites are not checked here (apply checks shape only).
 */
export function checkStoreCode(db: Database.Database, storeCode: string | null): void {
  const side = siteSide(db);
  if (storeCode === null) {
    if (side.role === 'store') throw new KecardError('VALIDATION', 'A customer of a store needs its 门店.', { fields: { storeCode: 'required' } });
    return;
  }
  const known =
    side.role !== null && (storeCode === side.code || db.prepare('SELECT 1 FROM sync_partners WHERE code = ?').get(storeCode) !== undefined);
  if (!known) throw new KecardError('VALIDATION', 'No site of this network has that code.', { fields: { storeCode: 'invalid' } });
}
