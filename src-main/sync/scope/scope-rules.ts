import { syncScope, type SyncScope } from '../../../src-shared/domain/sync';
import type { Partner } from '../network/sync-tables';

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
