import type { SyncStatusOutput } from '../../src-shared/contract/sync-methods';

// The 门店 a customer can belong to, as the renderer names them ("NJ01 南京店"): this site and its
// partners from sync.status (main's storeSites gives the same list). Empty on a workspace of its
// own, where the 门店 field is not shown. Plain functions: lists and tests use them without a store.

export interface StoreSite {
  code: string;
  name: string;
}

export function storeSitesOf(status: Pick<SyncStatusOutput, 'role' | 'code' | 'name' | 'partners'> | null): StoreSite[] {
  if (!status?.role || !status.code) return [];
  const me = { code: status.code, name: status.name ?? status.code };
  const partners = [...status.partners].sort((a, b) => a.code.localeCompare(b.code)).map((p) => ({ code: p.code, name: p.name }));
  return [me, ...partners.filter((p) => p.code !== me.code)];
}

/** "NJ01 南京店", or the code alone for a site this workspace does not know. */
export function storeText(code: string | null, sites: readonly StoreSite[]): string {
  if (!code) return '';
  const site = sites.find((s) => s.code === code);
  return site ? `${site.code} ${site.name}` : code;
}
