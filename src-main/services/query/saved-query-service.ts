import { v7 as uuidv7 } from 'uuid';
import { currentScope } from '../../people/record-scope';
import { countQuery } from './run-query';
import { KecardError } from '../../../src-shared/errors';
import { queryDefinition, type QueryDefinition } from '../../../src-shared/query/query-tree';
import type { CallContext } from '../../changelog/call-context';
import { runWrite } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { readRow, insertRow, setDeleted, updateRow } from '../shared/entity-writes';
import { cachedCounts } from './pinned-count-cache';
import { queryProblems, type QueryProblem } from './compile-query';
import { fieldViewFor, type FieldView } from '../../people/field-view';
import { presentSavedDefinition } from '../../people/field-queries';

export interface SavedQuery {
  id: string;
  name: string;
  entity: QueryDefinition['entity'];
  definition: QueryDefinition;
  shared: boolean;
  pinned: boolean;
  ownerName: string;
  mine: boolean;
  problems: QueryProblem[];
}

interface Row {
  id: string;
  name: string;
  entity: string;
  definition: string;
  shared: number;
  pinned: number;
  owner_user_id: string;
  owner_name: string;
}

/** The caller's own queries and everything shared with the team. */
export function listSavedQueries(ws: Workspace, ctx: CallContext): SavedQuery[] {
  const rows = ws.db
    .prepare(
      `SELECT id, name, entity, definition, shared, pinned, owner_user_id, owner_name FROM saved_queries
       WHERE deleted = 0 AND (owner_user_id = ? OR shared = 1) ORDER BY name`,
    )
    .all(ctx.userId) as Row[];
  const view = fieldViewFor(ws, ctx);
  return rows.map((r) => toSaved(ws, r, ctx, view));
}

/** A stored query as the caller sees it: conditions on fields they may not use lose their values and are problems (field-queries.ts). */
function toSaved(ws: Workspace, r: Row, ctx: CallContext, view: FieldView): SavedQuery {
  const parsed = queryDefinition.safeParse(JSON.parse(r.definition));
  const stored = parsed.success ? parsed.data : { entity: 'customer' as const, where: { kind: 'group' as const, op: 'and' as const, children: [] } };
  const { definition, refused } = presentSavedDefinition(view, stored);
  const problems: QueryProblem[] = parsed.success ? queryProblems(ws, stored) : [{ path: '', code: 'unknownField' }];
  problems.push(...refused.map((u): QueryProblem => ({ path: u.path, code: 'fieldHidden' })));
  return {
    id: r.id,
    name: r.name,
    entity: definition.entity,
    definition,
    shared: r.shared === 1,
    pinned: r.pinned === 1,
    ownerName: r.owner_name,
    mine: r.owner_user_id === ctx.userId,
    problems,
  };
}

export function createSavedQuery(
  ws: Workspace,
  ctx: CallContext,
  input: { name: string; definition: QueryDefinition; shared: boolean; pinned: boolean },
): SavedQuery {
  const id = uuidv7();
  runWrite(ws, ctx, (tx) =>
    insertRow(tx, 'savedQuery', null, id, {
      name: input.name,
      entity: input.definition.entity,
      definition: input.definition,
      shared: input.shared,
      pinned: input.pinned,
      ownerUserId: ctx.userId,
      ownerName: ctx.userName,
    }),
  );
  return getSavedQuery(ws, ctx, id);
}

export function updateSavedQuery(
  ws: Workspace,
  ctx: CallContext,
  id: string,
  patch: Partial<{ name: string; definition: QueryDefinition; shared: boolean; pinned: boolean }>,
): SavedQuery {
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'savedQuery', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Query not found.', { id });
    // Shared queries are the team's: only their author or a manager may change them.
    if (before.ownerUserId !== ctx.userId && ctx.role !== 'manager' && ctx.role !== 'admin') {
      throw new KecardError('FORBIDDEN', 'Only the author or a manager can change this query.');
    }
    const values: Record<string, unknown> = { ...patch };
    if (patch.definition) values.entity = patch.definition.entity;
    updateRow(tx, 'savedQuery', null, before, values);
  });
  return getSavedQuery(ws, ctx, id);
}

export function deleteSavedQuery(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'savedQuery', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Query not found.', { id });
    if (before.ownerUserId !== ctx.userId && ctx.role !== 'manager' && ctx.role !== 'admin') {
      throw new KecardError('FORBIDDEN', 'Only the author or a manager can delete this query.');
    }
    setDeleted(tx, 'savedQuery', null, id, true);
  });
}

export function getSavedQuery(ws: Workspace, ctx: CallContext, id: string): SavedQuery {
  const row = ws.db
    .prepare('SELECT id, name, entity, definition, shared, pinned, owner_user_id, owner_name FROM saved_queries WHERE id = ? AND deleted = 0')
    .get(id) as Row | undefined;
  if (!row || (row.owner_user_id !== ctx.userId && row.shared !== 1)) throw new KecardError('NOT_FOUND', 'Query not found.', { id });
  return toSaved(ws, row, ctx, fieldViewFor(ws, ctx));
}

/** Live counts for the pinned queries in the sidebar; a broken query shows as broken, not as 0. */
export function pinnedCounts(ws: Workspace, ctx: CallContext, now = new Date()): { id: string; count: number | null; broken: boolean }[] {
  const pinned = listSavedQueries(ws, ctx).filter((q) => q.pinned);
  const live = pinned.filter((q) => q.problems.length === 0);
  // The cache holds whole-workspace counts; a caller with a record scope counts their own.
  const counts = currentScope() ? new Map(live.map((q) => [q.id, countQuery(ws, q.definition, now)])) : cachedCounts(ws, live, now);
  return pinned.map((q) =>
    q.problems.length > 0 ? { id: q.id, count: null, broken: true } : { id: q.id, count: counts.get(q.id) ?? 0, broken: false },
  );
}
