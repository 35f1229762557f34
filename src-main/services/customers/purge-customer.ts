import { rulesFor } from '../../people/permission-policy';
import { allows } from '../../../src-shared/domain/permissions';
import type { CustomFieldEntity, CustomFieldType } from '../../../src-shared/domain/custom-fields';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { scrubLogValues } from '../../changelog/scrub-log-values';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { customEntityOf } from '../custom-fields/custom-values';
import { safeColumn } from '../custom-fields/field-registry';
import { compactSearchIndex, requestSearchCompaction } from '../search/search-compaction';
import { reindexCustomer } from '../search/search-index';
import { isCustomerPurged } from './deleted-customers';
import { isPersonalCustomType, PERSONAL_ENTITIES, personalEntity, type PersonalEntity } from './personal-data';

export interface PurgeResult {
  /** Change-log rows whose personal values were set to null. */
  logRowsScrubbed: number;
  /** False when a reader kept the WAL from being emptied; its old pages go at the next checkpoint. */
  walEmptied: boolean;
}

interface CustomColumn {
  entity: CustomFieldEntity;
  column: string;
  type: CustomFieldType;
  purged: number;
}

/**
 * 彻底清除: removes a deleted customer's personal data (`personal-data.ts` says which) from its
 * rows, from the old and new values of its change-log rows and from the quick-search index, and
 * logs one `purge` entry (who, when, which customer id — no personal data). Amounts, dates and
 * statuses stay, so reports are unchanged. Only managers may, and only for a customer already
 * deleted; a purged customer cannot be restored or undone.
 *
 * SQLite leaves deleted bytes in free pages and in the WAL, so the purge runs with
 * `secure_delete` (freed content is overwritten with zeros), merges the search index (a deleted
 * document's tokens stay in its segments until a merge: search-compaction.ts), and afterwards
 * empties the WAL. The rows and the log are cleared in one transaction before the first await;
 * the merge follows in short steps, main answering other calls between them.
 */
export async function purgeCustomer(ws: Workspace, ctx: CallContext, id: string): Promise<PurgeResult> {
  const logRowsScrubbed = clearPersonalData(ws, ctx, id);
  await finishPurges(ws);
  return { logRowsScrubbed, walEmptied: emptyWal(ws) };
}

/**
 * The search index merged and the pages it freed zeroed, for every purge not finished yet (one
 * cut short by a crash, found at open). The WAL is emptied by the caller.
 */
export async function finishPurges(ws: Workspace): Promise<void> {
  const before = ws.db.pragma('secure_delete', { simple: true }) as number;
  ws.db.pragma('secure_delete = ON');
  try {
    if (!(await compactSearchIndex(ws))) return;
    ws.db.transaction(() => zeroFreePages(ws)).immediate();
  } finally {
    if (ws.db.open) ws.db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
}

function clearPersonalData(ws: Workspace, ctx: CallContext, id: string): number {
  if (!allows(rulesFor(ws, ctx), 'customers', 'manage'))
    throw new KecardError('FORBIDDEN', 'Your role does not allow this action.', { permission: 'manage' });
  const before = ws.db.pragma('secure_delete', { simple: true }) as number;
  ws.db.pragma('secure_delete = ON');
  let logRowsScrubbed = 0;
  try {
    runWrite(ws, ctx, (tx) => {
      const row = ws.db.prepare('SELECT deleted FROM customers WHERE id = ?').get(id) as { deleted: number } | undefined;
      if (!row) throw new KecardError('NOT_FOUND', 'Customer not found.', { id });
      if (isCustomerPurged(ws, id)) throw new KecardError('CUSTOMER_PURGED', 'This customer was purged already.', { id });
      if (row.deleted !== 1) throw new KecardError('CUSTOMER_NOT_DELETED', 'Only a deleted customer can be purged.', { id });

      const columns = customColumns(ws);
      for (const entity of PERSONAL_ENTITIES) clearRows(tx, entity, id, columns);
      const typeOf = new Map(columns.map((c) => [`${c.entity}:${c.column}`, c.type]));
      logRowsScrubbed = scrubLogValues(tx, id, (entity, field) => {
        if (field.startsWith('cf_')) {
          const custom = customEntityOf(entity);
          return custom !== null && isPersonalCustomType(custom, typeOf.get(`${custom}:${field}`) ?? null);
        }
        return personalEntity(entity)?.fields.some((f) => f.field === field) ?? false;
      });
      reindexCustomer(ws, id);
      requestSearchCompaction(ws);
      tx.log({ op: 'purge', entity: 'customer', entityId: id, rootId: id });
      zeroFreePages(ws);
    });
  } finally {
    ws.db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
  return logRowsScrubbed;
}

/** Every custom column ever defined (purged fields too: their values remain in the log). */
function customColumns(ws: Workspace): CustomColumn[] {
  return ws.db.prepare('SELECT entity, column_name AS column, type, purged FROM custom_fields').all() as CustomColumn[];
}

function clearRows(tx: WriteTx, entity: PersonalEntity, customerId: string, columns: readonly CustomColumn[]): void {
  const sets = entity.fields.map((f) => `${f.column} = ?`);
  const values: (string | null)[] = entity.fields.map((f) => f.cleared);
  if (entity.custom) {
    for (const c of columns) {
      if (c.entity !== entity.custom || c.purged === 1 || c.type === 'computedTotal') continue;
      if (isPersonalCustomType(c.entity, c.type)) sets.push(`${safeColumn(c.column)} = NULL`);
    }
  }
  tx.ws.db.prepare(`UPDATE ${entity.table} SET ${sets.join(', ')} WHERE ${entity.belongs}`).run(...values, customerId);
}

/**
 * Pages freed before this purge (by earlier edits, deletes or search-index merges) may still hold
 * this customer's old values: `secure_delete = FAST` does not rewrite a page just to zero it.
 * Filling every free page with a zero blob and dropping it again (with `secure_delete` on, freed
 * pages are zeroed) overwrites them all, at the cost of writing the free pages once. The scratch
 * table never outlives this transaction.
 */
function zeroFreePages(ws: Workspace): void {
  const pageSize = ws.db.pragma('page_size', { simple: true }) as number;
  ws.db.exec('CREATE TABLE kc_purge_scratch (b BLOB)');
  const fill = ws.db.prepare('INSERT INTO kc_purge_scratch (b) VALUES (zeroblob(?))');
  // Each overflow page carries pageSize - 4 bytes; a blob of that many pages takes them all.
  for (let free = freePages(ws); free > 0; free = freePages(ws)) fill.run(Math.min(free, 25_000) * (pageSize - 4));
  ws.db.exec('DROP TABLE kc_purge_scratch');
}

function freePages(ws: Workspace): number {
  return ws.db.pragma('freelist_count', { simple: true }) as number;
}

function emptyWal(ws: Workspace): boolean {
  if (ws.db.pragma('journal_mode', { simple: true }) !== 'wal') return true;
  const [result] = ws.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return result?.busy === 0;
}
