import type Database from 'better-sqlite3-multiple-ciphers';
import { syncScope, type SyncScope } from '../../../src-shared/domain/sync';
import { KecardError } from '../../../src-shared/errors';
import { siteCode } from '../../changelog/site-code';
import { listPartners, mySite, partnerByCode, type Partner } from '../network/sync-tables';

// Which customers a partner receives. HQ keeps a scope per store (sync_partners.scope); a store's
// HQ partner receives everything. Docs: docs/sync-protocol.md, "Scopes".

export function scopeOf(partner: Pick<Partner, 'scope'>): SyncScope {
  let raw: unknown;
  try {
    raw = JSON.parse(partner.scope);
  } catch {
    raw = null;
  }
  const parsed = syncScope.safeParse(raw);
  // A row this version cannot read narrows to the safe side: the store's own customers.
  return parsed.success ? parsed.data : { customers: 'own' };
}

/**
 * HQ sets which customers a store receives. The change takes effect at the next bundle for the
 * store: customers entering come with their history, customers leaving are removed there.
 */
export function setPartnerScope(db: Database.Database, code: string, scope: SyncScope): void {
  const parsed = syncScope.safeParse(scope);
  if (!parsed.success) throw new KecardError('VALIDATION', 'The scope is not valid.', { fields: { scope: 'invalid' } });
  db.transaction(() => {
    const me = mySite(db);
    if (me.role !== 'hq') throw new KecardError('SYNC_REFUSED', 'Only HQ sets what a store receives.', { reason: 'notHq' });
    const partner = partnerByCode(db, code.trim().toUpperCase());
    if (!partner || partner.role !== 'store')
      throw new KecardError('SYNC_REFUSED', `No store ${code} in this network.`, { reason: 'unknownPartner', code });
    if (parsed.data.customers === 'stores') {
      const known = new Set([siteCode(db), ...listPartners(db).map((p) => p.code)]);
      const unknown = parsed.data.stores.filter((s) => !known.has(s));
      if (unknown.length > 0) throw new KecardError('VALIDATION', `No site has the code ${unknown.join(', ')}.`, { fields: { stores: 'invalid' } });
    }
    db.prepare('UPDATE sync_partners SET scope = ? WHERE id = ?').run(JSON.stringify(parsed.data), partner.id);
  }).immediate();
}
