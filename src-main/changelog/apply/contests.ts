import type { Entity } from '../../../src-shared/domain/change-log';
import { customEntityOf, readCustomValues } from '../../services/custom-fields/custom-values';
import { fromDbValue, type TableEntity } from '../../services/shared/entity-tables';
import { sameValue } from '../../services/shared/entity-writes';
import { encodeId } from '../log-codec';
import type { ChangeOrigin, WriteTx } from '../write-tx';
import type { LoggedChange } from './apply-change';
import type { Stamp } from './field-stamps';

// Concurrent changes that the merge rule decided (issue 18's conflict inbox): the value that lost
// is kept for a person to look at, whichever side it came from. Only the apply of a bundle asks for
// them (WriteTx.contests); a replay of a log does not.

export interface ContestSide {
  siteId: string;
  userName: string;
  /** Wall-clock ms of the change. */
  at: number;
}

export interface Contest {
  kind: 'field' | 'deleted' | 'renamed';
  entity: Entity;
  entityId: string;
  rootId: string | null;
  field: string | null;
  keptValue: unknown;
  lostValue: unknown;
  kept: ContestSide;
  lost: ContestSide;
}

/**
 * A remote update of a field whose latest value here came from another site: concurrent when the
 * remote change did not start from the value here (its old value differs) and wants another one.
 */
export function noteFieldContest(
  tx: WriteTx,
  entity: TableEntity,
  change: LoggedChange,
  origin: ChangeOrigin,
  before: Record<string, unknown>,
  latest: Stamp | null,
  remoteWins: boolean,
): void {
  const field = change.field;
  if (!tx.contests || !latest || !field || latest.siteId === origin.siteId) return;
  const here = field.startsWith('cf_') ? customValue(tx, entity, change.entityId, field) : fromDbValue(field, before[field]);
  if (sameValue(here, change.oldValue) || sameValue(here, change.newValue)) return;
  const local = sideOf(tx, change.entityId, latest);
  const remote: ContestSide = { siteId: origin.siteId, userName: origin.userName, at: origin.at };
  tx.contests.push({
    kind: 'field',
    entity: change.entity,
    entityId: change.entityId,
    rootId: change.rootId,
    field,
    keptValue: remoteWins ? change.newValue : here,
    lostValue: remoteWins ? here : change.newValue,
    kept: remoteWins ? remote : local,
    lost: remoteWins ? local : remote,
  });
}

/** A remote edit of a record another site deleted: the delete stands, the edit waits with 恢复. */
export function noteEditOfDeleted(tx: WriteTx, change: LoggedChange, origin: ChangeOrigin, deletedBy: Stamp | null): void {
  if (!tx.contests || !deletedBy || deletedBy.siteId === origin.siteId) return;
  tx.contests.push({
    kind: 'deleted',
    entity: change.entity,
    entityId: change.entityId,
    rootId: change.rootId,
    field: change.field,
    keptValue: null,
    lostValue: change.newValue,
    kept: sideOf(tx, change.entityId, deletedBy),
    lost: { siteId: origin.siteId, userName: origin.userName, at: origin.at },
  });
}

/** A remote delete of a record edited here by another site after the delete was made. */
export function noteDeleteOfEdited(tx: WriteTx, change: LoggedChange, origin: ChangeOrigin): void {
  if (!tx.contests) return;
  const edit = tx.ws.db
    .prepare(
      `SELECT l.hlc, s.site_id AS siteId, u.user_name AS userName, l.at FROM change_log l
       JOIN log_sites s ON s.n = l.site JOIN log_users u ON u.n = l.user
       WHERE l.entity_id = ? AND l.op = 2 AND l.hlc > ? AND s.site_id <> ? ORDER BY l.hlc DESC LIMIT 1`,
    )
    .get(encodeId(change.entityId), origin.hlc, origin.siteId) as { hlc: number; siteId: string; userName: string; at: number } | undefined;
  if (!edit) return;
  tx.contests.push({
    kind: 'deleted',
    entity: change.entity,
    entityId: change.entityId,
    rootId: change.rootId,
    field: null,
    keptValue: null,
    lostValue: null,
    kept: { siteId: origin.siteId, userName: origin.userName, at: origin.at },
    lost: { siteId: edit.siteId, userName: edit.userName, at: edit.at },
  });
}

/** Who made the change with this stamp on this row, and when (from the log entry). */
export function sideOf(tx: WriteTx, entityId: string, stamp: Stamp): ContestSide {
  const row = tx.ws.db
    .prepare(
      `SELECT u.user_name AS userName, l.at FROM change_log l JOIN log_sites s ON s.n = l.site JOIN log_users u ON u.n = l.user
       WHERE l.entity_id = ? AND l.hlc = ? AND s.site_id = ? LIMIT 1`,
    )
    .get(encodeId(entityId), stamp.hlc, stamp.siteId) as { userName: string; at: number } | undefined;
  return { siteId: stamp.siteId, userName: row?.userName ?? '', at: row?.at ?? 0 };
}

function customValue(tx: WriteTx, entity: TableEntity, id: string, column: string): unknown {
  const target = customEntityOf(entity);
  if (!target) return undefined;
  return readCustomValues(tx.ws, target, [id]).get(id)?.[column] ?? null;
}
