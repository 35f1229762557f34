import { useStoreSites } from '../sync/store-sites';
import { useSync } from '../sync/sync-store';
import { useAnalysis } from './analysis-store';

/**
 * The 门店 the reports are read for: the chosen one at HQ of a sync network, else undefined
 * (全部门店). A store's workspace holds only its own customers and offers no filter; a choice left
 * from another workspace, or of a site this one does not know, counts as none.
 */
export function useReportStore(): string | undefined {
  const store = useAnalysis((s) => s.store);
  const role = useSync((s) => s.status?.role ?? null);
  const sites = useStoreSites();
  return role === 'hq' && store !== null && sites.some((s) => s.code === store) ? store : undefined;
}
