import { currentScope, scopeParams, scopeTest } from '../../people/record-scope';
import type { Workspace } from '../../db/workspace';
import type { Contest } from '../../changelog/apply/contests';
import type { CallContext } from '../../changelog/call-context';
import { runWrite } from '../../changelog/write-tx';
import { KecardError } from '../../../src-shared/errors';
import type { SyncConflict } from '../../../src-shared/domain/sync';
import { ENTITIES, type Entity } from '../../../src-shared/domain/change-log';
import { isTableEntity, type TableEntity } from '../../services/shared/entity-tables';
import { readRow, setDeleted, updateRow } from '../../services/shared/entity-writes';
import { customEntityOf, writeCustomValues } from '../../services/custom-fields/custom-values';
import { reindexCustomer } from '../../services/search/search-index';
import { sortKeyOf } from '../../services/search/pinyin-keys';

// The conflict inbox (冲突箱): what apply-bundle found contested, kept until a person decides.
// Keeping the record as it is closes the entry; keeping the value that lost writes it back as an
// ordinary logged change, which then syncs to every site like any other edit.

/** Inside the bundle's transaction: the contests its entries met. */
export function recordContests(ws: Workspace, contests: readonly Contest[], at: Date): void {
  const insert = ws.db.prepare(
    `INSERT INTO sync_conflicts (kind, entity, entity_id, root_id, field, kept_value, lost_value, kept_site_id, kept_user, kept_at,
       lost_site_id, lost_user, lost_at, detected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of contests) {
    insert.run(
      c.kind,
      c.entity,
      c.entityId,
      c.rootId,
      c.field,
      JSON.stringify(c.keptValue ?? null),
      JSON.stringify(c.lostValue ?? null),
      c.kept.siteId,
      c.kept.userName,
      new Date(c.kept.at).toISOString(),
      c.lost.siteId,
      c.lost.userName,
      new Date(c.lost.at).toISOString(),
      at.toISOString(),
    );
  }
}

interface ConflictRow {
  id: number;
  kind: 'field' | 'deleted' | 'renamed';
  entity: string;
  entityId: string;
  rootId: string | null;
  field: string | null;
  keptValue: string | null;
  lostValue: string | null;
  keptSiteId: string;
  keptUser: string;
  keptAt: string;
  lostSiteId: string;
  lostUser: string;
  lostAt: string;
  detectedAt: string;
  resolution: string | null;
  resolvedAt: string | null;
}

const COLUMNS = `id, kind, entity, entity_id AS entityId, root_id AS rootId, field, kept_value AS keptValue, lost_value AS lostValue,
  kept_site_id AS keptSiteId, kept_user AS keptUser, kept_at AS keptAt, lost_site_id AS lostSiteId, lost_user AS lostUser,
  lost_at AS lostAt, detected_at AS detectedAt, resolution, resolved_at AS resolvedAt`;

export function listConflicts(ws: Workspace, options: { open?: boolean } = {}): SyncConflict[] {
  // Under a record scope only the entries about the caller's customers (or about no customer).
  const open = options.open === false ? '1' : 'resolution IS NULL';
  const scoped = currentScope() ? `(root_id IS NULL OR ${scopeTest('root_id')})` : '1';
  const statement = ws.db.prepare(`SELECT ${COLUMNS} FROM sync_conflicts WHERE ${open} AND ${scoped} ORDER BY id`);
  const rows = (currentScope() ? statement.all(scopeParams()) : statement.all()) as ConflictRow[];
  const sites = siteNames(ws);
  const customerName = ws.db.prepare('SELECT name FROM customers WHERE id = ?').pluck();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    entity: r.entity,
    entityId: r.entityId,
    customerId: r.rootId,
    customerName: r.rootId ? ((customerName.get(r.rootId) as string | undefined) ?? null) : null,
    field: r.field,
    kept: { value: parse(r.keptValue), site: sites(r.keptSiteId), user: r.keptUser, at: r.keptAt },
    lost: { value: parse(r.lostValue), site: sites(r.lostSiteId), user: r.lostUser, at: r.lostAt },
    detectedAt: r.detectedAt,
    resolution: r.resolution as SyncConflict['resolution'],
    resolvedAt: r.resolvedAt,
  }));
}

export function openConflictCount(ws: Workspace): number {
  return ws.db.prepare('SELECT count(*) FROM sync_conflicts WHERE resolution IS NULL').pluck().get() as number;
}

/**
 * Settles one entry: 'kept' leaves the record as it is; 'lost' writes the value that lost back
 * (or restores the deleted record) as a new change of this site's user. `allowed` may refuse
 * (throw) before anything is written: the caller's field rules (people/field-guard.ts).
 */
export function resolveConflict(
  ws: Workspace,
  ctx: CallContext,
  id: number,
  keep: 'kept' | 'lost',
  now = new Date(),
  allowed?: (conflict: { entity: string; field: string | null }) => void,
): void {
  const row = ws.db.prepare(`SELECT ${COLUMNS} FROM sync_conflicts WHERE id = ?`).get(id) as ConflictRow | undefined;
  if (!row) throw new KecardError('NOT_FOUND', 'No such conflict.', { id });
  if (row.resolution !== null) throw new KecardError('CONFLICT', 'This conflict has been settled already.', { id });
  allowed?.(row);
  // The other customer holds the code: a renamed one can only be acknowledged (or edited on its card).
  if (row.kind === 'renamed' && keep === 'lost')
    throw new KecardError('CONFLICT', 'The code is held by the other customer.', { id, reason: 'renamed' });
  runWrite(ws, ctx, (tx) => {
    if (keep === 'lost') {
      if (!(ENTITIES as readonly string[]).includes(row.entity) || !isTableEntity(row.entity as Entity))
        throw new KecardError('CONFLICT', 'This value cannot be written back.', { id });
      const entity = row.entity as TableEntity;
      const current = readRow(tx, entity, row.entityId);
      if (!current) throw new KecardError('NOT_FOUND', 'The record is no longer in this workspace.', { id: row.entityId });
      if (row.kind === 'deleted') {
        if (current.deleted === 1) setDeleted(tx, entity, row.rootId, row.entityId, false);
      } else if (row.field?.startsWith('cf_')) {
        const target = customEntityOf(entity);
        if (!target) throw new KecardError('CONFLICT', 'This value cannot be written back.', { id });
        const typeId = target === 'record' ? ((current.typeId as string | undefined) ?? null) : null;
        writeCustomValues(tx, target, row.entityId, row.rootId, { [row.field]: parse(row.lostValue) }, { creating: false, businessTypeId: typeId });
      } else if (row.field) {
        const value = parse(row.lostValue);
        const extra = entity === 'customer' && row.field === 'name' ? { sortKey: sortKeyOf(String(value)) } : {};
        updateRow(tx, entity, row.rootId, current, { [row.field]: value }, extra);
      }
    }
    ws.db
      .prepare('UPDATE sync_conflicts SET resolution = ?, resolved_at = ? WHERE id = ?')
      .run(keep === 'lost' ? 'restored' : 'kept', now.toISOString(), id);
  });
  if (keep === 'lost' && row.rootId) reindexCustomer(ws, row.rootId);
}

function parse(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

/** Site id → "南京店 (NJ01)" for the partners this site knows; its own site as "本店". */
function siteNames(ws: Workspace): (siteId: string) => { siteId: string; code: string | null; name: string | null } {
  const partners = ws.db.prepare('SELECT site_id AS siteId, code, name FROM sync_partners WHERE site_id IS NOT NULL').all() as {
    siteId: string;
    code: string;
    name: string;
  }[];
  const me = ws.db.prepare("SELECT s.name, m.value AS code FROM sync_site s LEFT JOIN meta m ON m.key = 'site_code' WHERE s.id = 1").get() as
    { name: string; code: string | null } | undefined;
  const known = new Map<string, { code: string | null; name: string }>(partners.map((p) => [p.siteId, { code: p.code, name: p.name }]));
  if (me) known.set(ws.siteId, { code: me.code, name: me.name });
  return (siteId) => ({ siteId, code: known.get(siteId)?.code ?? null, name: known.get(siteId)?.name ?? null });
}
