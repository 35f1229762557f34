import type { CustomFieldEntity } from '../../src-shared/domain/custom-fields';
import type { FieldAccess } from '../../src-shared/domain/permissions';
import { KecardError } from '../../src-shared/errors';
import type { FieldView } from './field-view';
import { checkReportRequest } from './field-reports';

// Where patches and questions enter: a field the caller's role may not change (hidden, masked or
// read-only) is refused in a patch, and a field it may not see is refused as a query column,
// condition, grouping or total — FORBIDDEN naming the field, before anything runs or is written.
// Checked on the call's input as sent (before defaults are filled in), so a field the caller left
// out is never counted against them.
//
// A masked value sent back unchanged is refused like any other value of that field: a masked field
// is not editable for that role, and the renderer sends only the fields a user changed.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function refuseWrite(field: string, access: FieldAccess): never {
  throw new KecardError('FORBIDDEN', `Your role may not change the field "${field}" (${access}).`, { field, access, reason: 'fieldLocked' });
}
export function refuseRead(field: string, access: FieldAccess): never {
  throw new KecardError('FORBIDDEN', `Your role cannot see the field "${field}", so it cannot be a column, condition, grouping or total.`, {
    field,
    access,
    reason: 'fieldHidden',
  });
}

/** Built-in values and custom values (`custom`, keyed by column) of a create input or patch. */
function checkPatch(view: FieldView, entity: CustomFieldEntity, patch: unknown, builtIn: boolean): void {
  if (!isObj(patch)) return;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'custom') {
      if (!isObj(value)) continue;
      for (const [column, v] of Object.entries(value)) {
        if (v === undefined) continue;
        const access = view.column(column, entity);
        if (access !== 'editable') refuseWrite(column, access);
      }
      continue;
    }
    if (!builtIn || (entity !== 'customer' && entity !== 'contact')) continue;
    const access = view.builtIn(entity, key);
    if (access !== 'editable') refuseWrite(key, access);
  }
}

/** Operators that only ask whether a value is there: allowed on a masked field (its emptiness shows anyway). */
const PRESENCE = new Set(['empty', 'notEmpty']);

function relationEntity(relation: unknown): CustomFieldEntity | null {
  if (relation === 'contacts') return 'contact';
  if (relation === 'orders') return 'order';
  if (typeof relation === 'string' && relation.startsWith('records:')) return 'record';
  return null;
}

/** A condition, total or column the caller may not use, with where it sits (QueryProblem's path: child indexes from the root group). */
export interface RefusedUse {
  path: string;
  field: string;
  access: FieldAccess;
}

function refusedIn(view: FieldView, entity: CustomFieldEntity, node: unknown, path: string, out: RefusedUse[]): void {
  if (!isObj(node)) return;
  const childPath = (i: number) => (path ? `${path}.${i}` : String(i));
  if (node.kind === 'condition' && typeof node.field === 'string') {
    const access = view.keyAccess(entity, node.field);
    if (access === 'hidden' || (access === 'masked' && !PRESENCE.has(String(node.operator)))) out.push({ path, field: node.field, access });
  }
  if (node.kind === 'group' && Array.isArray(node.children)) node.children.forEach((child, i) => refusedIn(view, entity, child, childPath(i), out));
  if (node.kind === 'related') {
    const inner = relationEntity(node.relation);
    if (!inner) return;
    // A related node's own conditions continue its path, as queryProblems numbers them.
    const where = node.where;
    if (isObj(where) && Array.isArray(where.children)) where.children.forEach((child, i) => refusedIn(view, inner, child, `${path}.${i}`, out));
    const aggregate = node.aggregate;
    if (isObj(aggregate) && typeof aggregate.field === 'string') {
      const access = view.keyAccess(inner, aggregate.field);
      if (access === 'hidden' || access === 'masked') out.push({ path, field: aggregate.field, access });
    }
  }
}

/** Every condition and total of a query definition the caller may not use (none without field rules). */
export function refusedUses(view: FieldView, definition: unknown): RefusedUse[] {
  if (!view.restricted || !isObj(definition)) return [];
  const out: RefusedUse[] = [];
  refusedIn(view, definition.entity === 'contact' ? 'contact' : 'customer', definition.where, '', out);
  return out;
}

/** A query definition: hidden fields are neither conditions nor totals. */
export function checkDefinition(view: FieldView, definition: unknown): void {
  const first = refusedUses(view, definition)[0];
  if (first) refuseRead(first.field, first.access);
}

function checkReadKey(view: FieldView, entity: CustomFieldEntity, key: unknown, allowMasked = false): void {
  if (typeof key !== 'string') return;
  const access = view.keyAccess(entity, key);
  if (access === 'hidden' || (access === 'masked' && !allowMasked)) refuseRead(key, access);
}

const IMPORT_ENTITY: Record<string, CustomFieldEntity> = { customers: 'customer', contacts: 'contact', orders: 'order', records: 'record' };

/**
 * Checks one call's input against the caller's field rules; throws FORBIDDEN on the first field
 * it may not use. Methods not listed carry no field of a customer or contact.
 */
export function checkFieldInput(view: FieldView, method: string, input: unknown): void {
  if (!view.restricted || !isObj(input)) return;
  const i = input;
  switch (method) {
    case 'customers.create':
      return checkPatch(view, 'customer', i.values, true);
    case 'customers.update':
      return checkPatch(view, 'customer', i.patch, true);
    case 'contacts.create':
      return checkPatch(view, 'contact', i, true);
    case 'contacts.update':
      return checkPatch(view, 'contact', i.patch, true);
    case 'orders.create':
    case 'records.create':
      return checkPatch(view, method === 'orders.create' ? 'order' : 'record', i, false);
    case 'orders.update':
    case 'records.update':
      return checkPatch(view, method === 'orders.update' ? 'order' : 'record', i.patch, false);
    case 'fields.recordValue': {
      const access = view.custom(String(i.fieldId));
      if (access !== 'editable') refuseWrite(String(i.fieldId), access);
      return;
    }
    case 'customers.bulkUpdate': {
      const action = isObj(i.action) ? i.action : {};
      const field = action.kind === 'setOwner' ? 'ownerId' : action.kind === 'setClass' ? 'customerClass' : action.kind === 'addTag' ? 'tags' : null;
      if (field) {
        const access = view.builtIn('customer', field);
        if (access !== 'editable') refuseWrite(field, access);
      }
      if (isObj(i.target)) checkDefinition(view, i.target.definition);
      return;
    }
    case 'customers.possibleDuplicates':
      // Asking whether a value exists reveals it as surely as reading it.
      if (i.phones !== undefined) checkReadKey(view, 'customer', 'phones');
      if (i.code !== undefined) checkReadKey(view, 'customer', 'code');
      if (isObj(i.custom)) for (const column of Object.keys(i.custom)) checkReadKey(view, 'customer', column);
      return;
    case 'customers.list':
      if (isObj(i.sort)) checkReadKey(view, 'customer', i.sort.field, true);
      return;
    case 'queries.run':
      if (isObj(i.sort)) checkReadKey(view, isObj(i.definition) && i.definition.entity === 'contact' ? 'contact' : 'customer', i.sort.field, true);
      return checkDefinition(view, i.definition);
    case 'queries.count':
    case 'queries.save':
      return checkDefinition(view, i.definition);
    case 'queries.update':
      return checkDefinition(view, isObj(i.patch) ? i.patch.definition : undefined);
    case 'favourites.add':
      return checkDefinition(view, isObj(i.target) ? i.target.definition : undefined);
    case 'queries.export': {
      checkDefinition(view, i.definition);
      const entity = isObj(i.definition) && i.definition.entity === 'contact' ? 'contact' : 'customer';
      // A masked column is written masked (export-query.ts); a hidden one is refused.
      if (Array.isArray(i.columns)) for (const c of i.columns) if (isObj(c)) checkReadKey(view, entity, c.key, true);
      return;
    }
    case 'lists.group': {
      const source = isObj(i.source) ? i.source : {};
      const entity: CustomFieldEntity = source.entity === 'record' ? 'record' : 'customer';
      if (source.entity === 'customer') checkDefinition(view, source.definition);
      if (source.entity === 'expense') return;
      if (Array.isArray(i.groupBy)) for (const key of i.groupBy) checkReadKey(view, entity, key);
      if (Array.isArray(i.measures)) for (const m of i.measures) if (isObj(m)) checkReadKey(view, entity, m.field);
      return;
    }
    case 'reports.run':
      return checkReportRequest(view, i.request);
    case 'import.check':
    case 'import.run': {
      const settings = isObj(i.settings) ? i.settings : {};
      const entity = IMPORT_ENTITY[String(settings.target)];
      if (!entity || !isObj(settings.mapping)) return;
      for (const target of Object.values(settings.mapping)) {
        if (typeof target !== 'string') continue;
        const key = target.startsWith('custom:') ? target.slice('custom:'.length) : target;
        const access = view.keyAccess(entity, key);
        if (access !== 'editable') refuseWrite(key, access);
      }
      return;
    }
    default:
      return;
  }
}

/** The field changes an undo would revert: each must be a field the caller may change. */
export function checkUndo(view: FieldView, changes: readonly { entity: string; field: string | null }[]): void {
  if (!view.restricted) return;
  for (const c of changes) {
    if (c.field === null) continue;
    const access = view.entryAccess(c.entity, c.field);
    if (access !== 'editable') refuseWrite(c.field, access);
  }
}

/**
 * A sync conflict to settle (conflicts.resolve): keeping either value decides the field, so it
 * must be one the caller may change. A whole record's conflict (deleted on one side) names no
 * field and is left to the area's level, as an undo of a create or delete is.
 */
export function checkConflictField(view: FieldView, conflict: { entity: string; field: string | null }): void {
  if (!view.restricted || conflict.field === null) return;
  const access = view.entryAccess(conflict.entity, conflict.field);
  if (access !== 'editable')
    throw new KecardError('FORBIDDEN', `Your role may not change the field "${conflict.field}" (${access}), so it cannot settle this conflict.`, {
      field: conflict.field,
      access,
      reason: 'conflictField',
    });
}
