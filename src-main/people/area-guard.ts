import { allows, type RoleRules } from '../../src-shared/domain/permissions';
import type { MethodName } from '../../src-shared/contract/methods';
import { KecardError } from '../../src-shared/errors';
import type { Workspace } from '../db/workspace';

// The router checks each method's area (METHOD_AREAS) before anything runs; some calls reach
// further than their method's area says: a business record is under its own type's level (a role
// may see 拜访 but not 商机), and a grouped list of records or expenses reads those areas, whatever
// screen asks for it. This finishes the check once the input is known, before the handler runs.

type Input = Record<string, unknown>;

function recordType(ws: Workspace, id: unknown): string | undefined {
  return typeof id === 'string'
    ? (ws.db.prepare('SELECT type_id FROM business_records WHERE id = ?').pluck().get(id) as string | undefined)
    : undefined;
}

/** The (area, business type, permission) a call needs beyond its method's area; none when undefined. */
const NEEDS: Partial<Record<MethodName, (ws: Workspace, input: Input) => { area: 'business' | 'expenses'; typeId?: string; write: boolean } | null>> =
  {
    'records.create': (_ws, i) => ({ area: 'business', typeId: i.typeId as string, write: true }),
    'records.update': (ws, i) => ({ area: 'business', typeId: recordType(ws, i.id), write: true }),
    'records.delete': (ws, i) => ({ area: 'business', typeId: recordType(ws, i.id), write: true }),
    'records.get': (ws, i) => ({ area: 'business', typeId: recordType(ws, i.id), write: false }),
    'records.list': (_ws, i) => (typeof i.typeId === 'string' ? { area: 'business', typeId: i.typeId, write: false } : null),
    // The business summary and a drill into its records are of one type; the managers' visits too.
    'reports.run': (_ws, i) => {
      const request = (i.request ?? {}) as { kind?: string; typeId?: unknown; visitTypeId?: unknown; target?: { of?: string; typeId?: unknown } };
      const typeId =
        request.kind === 'business'
          ? request.typeId
          : request.kind === 'managers'
            ? request.visitTypeId
            : request.kind === 'drill' && request.target?.of === 'records'
              ? request.target.typeId
              : undefined;
      return typeof typeId === 'string' ? { area: 'business', typeId, write: false } : null;
    },
    'lists.group': (_ws, i) => {
      const source = i.source as { entity: string; typeId?: string };
      if (source.entity === 'record') return { area: 'business', typeId: source.typeId, write: false };
      if (source.entity === 'expense') return { area: 'expenses', write: false };
      return null;
    },
  };

/** The business types a customer query's conditions reach into (`relation: 'records:<typeId>'`), at any depth. */
function relatedTypes(input: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 24 || typeof input !== 'object' || input === null) return out;
  if (Array.isArray(input)) {
    for (const v of input) relatedTypes(v, out, depth + 1);
    return out;
  }
  const relation = (input as Input).relation;
  if (typeof relation === 'string' && relation.startsWith('records:')) out.push(relation.slice('records:'.length));
  for (const v of Object.values(input)) relatedTypes(v, out, depth + 1);
  return out;
}

export function guardArea(ws: Workspace | null, rules: RoleRules, name: MethodName, input: unknown): void {
  // A query (run, counted, exported, saved, drilled) with a condition on a type's records reads
  // that type: held to its level like records.list. Every call passes here: a role that reads
  // every type (a manager, or no type narrowed) skips walking the input.
  const everyType = allows(rules, 'business', 'read') && Object.values(rules.businessTypes).every((level) => level !== 'none');
  for (const typeId of everyType ? [] : relatedTypes(input)) {
    if (!allows(rules, 'business', 'read', typeId)) {
      throw new KecardError('FORBIDDEN', 'Your role does not allow this action.', {
        method: name,
        area: 'business',
        businessTypeId: typeId,
        permission: 'read',
      });
    }
  }
  const need = ws ? NEEDS[name]?.(ws, (input ?? {}) as Input) : null;
  if (!need) return;
  // A record that does not exist is the handler's to report (NOT_FOUND), not a refusal.
  if (need.area === 'business' && need.typeId === undefined) return;
  if (!allows(rules, need.area, need.write ? 'write' : 'read', need.typeId)) {
    throw new KecardError('FORBIDDEN', 'Your role does not allow this action.', {
      method: name,
      area: need.area,
      ...(need.typeId ? { businessTypeId: need.typeId } : {}),
      permission: need.write ? 'write' : 'read',
    });
  }
}
