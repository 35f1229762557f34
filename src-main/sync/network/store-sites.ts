import type Database from 'better-sqlite3-multiple-ciphers';
import { siteCode } from '../../changelog/site-code';

// The 门店 a customer can belong to: the sites this workspace knows in its sync network (this
// site first, then its partners by code). HQ knows every store; a store knows itself and HQ.
// Empty for a workspace on its own, where the field is not offered.

export interface StoreSite {
  code: string;
  name: string;
}

export function storeSites(db: Database.Database): StoreSite[] {
  const me = db.prepare('SELECT name FROM sync_site WHERE id = 1').pluck().get() as string | undefined;
  const code = siteCode(db);
  if (me === undefined || code === null) return [];
  const partners = db.prepare('SELECT code, name FROM sync_partners ORDER BY code').all() as StoreSite[];
  return [{ code, name: me }, ...partners.filter((p) => p.code !== code)];
}
