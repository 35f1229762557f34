import { v5 as uuidv5 } from 'uuid';

// Kecard's own namespace for name-based ids (RFC 9562 v5). Fixed forever: changing it would give
// every singleton a second id.
const KECARD_NAMESPACE = '5b0f6c8e-2d7a-4e61-9a43-1c9e0b7d4f21';

/**
 * The id of a row there is at most one of per key (the customer card's layout, the lifecycle
 * rules, a class override of one customer in one scheme …). The same on every site, so two sites
 * that each create "the" row end up with one row after a merge, not two. A uuid, so the change
 * log stores it as compactly as any other id.
 */
export function singletonId(
  kind: 'cardLayout' | 'queryForm' | 'setting' | 'classificationOverride' | 'importMapping' | 'favouriteItem',
  ...key: string[]
): string {
  return uuidv5(JSON.stringify([kind, ...key]), KECARD_NAMESPACE);
}

/**
 * The singleton tables, how their key is read from a row: what migration 0013 re-ids. Favourite
 * items (one per folder and record) get name-based ids since schema 15, for new memberships only.
 */
export const SINGLETON_TABLES = [
  { table: 'card_layouts', kind: 'cardLayout', key: ['entity'] },
  { table: 'query_forms', kind: 'queryForm', key: ['entity'] },
  { table: 'app_settings', kind: 'setting', key: ['key'] },
  { table: 'classification_overrides', kind: 'classificationOverride', key: ['scheme_id', 'customer_id'] },
  { table: 'import_mappings', kind: 'importMapping', key: ['target', 'name'] },
] as const;
