import type { CustomFieldEntity } from '../../src-shared/domain/custom-fields';
import { maskValue } from '../../src-shared/domain/field-mask';
import { fieldAccess, type FieldAccess, type RoleRules } from '../../src-shared/domain/permissions';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import { rulesFor } from './permission-policy';

// Per-field rules (hidden / masked / read-only / editable) as one view of the data for one caller:
// the presenters below are the only place a row's fields are hidden or masked, used wherever rows
// leave main (router outputs, export files); field-guard.ts uses the same view where patches enter.

export type RowEntity = 'customer' | 'contact';

/** Built-in fields a row cannot do without (its identity, its enums): never hidden, masked only where text. */
const ALWAYS_SHOWN: Record<RowEntity, ReadonlySet<string>> = {
  customer: new Set(['id', 'siteId', 'kind', 'lifecycle', 'createdAt', 'updatedAt', 'version', 'custom']),
  contact: new Set(['id', 'customerId', 'departmentId', 'custom']),
};
/** Enum fields: a mask would not be one of their values, so masked reads as hidden. */
const ENUM_FIELDS = new Set(['kind', 'lifecycle', 'customerClass', 'colorLabel', 'relationshipLevel', 'ownerId', 'storeCode']);

/** Change-log entity → the rule prefix of its built-in fields (custom fields go by column). */
const LOG_PREFIX: Record<string, RowEntity | undefined> = { customer: 'customer', contact: 'contact' };
const LOG_CUSTOM_ENTITY: Record<string, CustomFieldEntity | undefined> = {
  customer: 'customer',
  contact: 'contact',
  order: 'order',
  businessRecord: 'record',
};

interface FieldRef {
  id: string;
  entity: CustomFieldEntity;
  columnName: string;
}

export class FieldView {
  /** True when the caller works under at least one field rule: otherwise every presenter is the identity. */
  readonly restricted: boolean;
  private readonly byColumn = new Map<string, FieldRef[]>();
  private readonly byId = new Map<string, FieldRef>();

  constructor(
    private readonly rules: RoleRules,
    fields: readonly FieldRef[],
  ) {
    this.restricted = Object.values(rules.fields).some((a) => a !== 'editable');
    for (const f of fields) {
      this.byId.set(f.id, f);
      this.byColumn.set(f.columnName, [...(this.byColumn.get(f.columnName) ?? []), f]);
    }
  }

  /** A built-in field of a customer or contact. */
  builtIn(entity: RowEntity, field: string): FieldAccess {
    return fieldAccess(this.rules, `${entity}.${field}`);
  }

  /** A custom field by its id. */
  custom(fieldId: string): FieldAccess {
    return fieldAccess(this.rules, `custom.${fieldId}`);
  }

  fieldById(fieldId: string): FieldRef | undefined {
    return this.byId.get(fieldId);
  }

  /**
   * A custom field by its column (cf_…). Without the entity (a value whose owner is not known),
   * the strictest rule of the fields sharing that column name applies.
   */
  column(column: string, entity?: CustomFieldEntity): FieldAccess {
    const refs = (this.byColumn.get(column) ?? []).filter((f) => !entity || f.entity === entity);
    return strictest(refs.map((f) => this.custom(f.id)));
  }

  isCustomColumn(key: string): boolean {
    return this.byColumn.has(key);
  }

  /** A field a query, grouping or column names: built-in of the entity, or one of its custom columns. */
  keyAccess(entity: CustomFieldEntity, key: string): FieldAccess {
    if (this.byColumn.has(key)) return this.column(key, entity);
    return entity === 'customer' || entity === 'contact' ? this.builtIn(entity, key) : 'editable';
  }

  /** Custom values keyed by column, as a row carries them. */
  customValues<T extends Record<string, unknown>>(values: T, entity?: CustomFieldEntity): T {
    if (!this.restricted) return values;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(values)) {
      const access = this.isCustomColumn(key) ? this.column(key, entity) : 'editable';
      if (access === 'hidden') continue;
      out[key] = access === 'masked' ? maskValue(v) : v;
    }
    return out as T;
  }

  /** One customer or contact row (card, list, query result, export row). */
  row<T extends Record<string, unknown>>(entity: RowEntity, row: T): T {
    if (!this.restricted) return row;
    const out: Record<string, unknown> = { ...row };
    for (const key of Object.keys(row)) {
      if (ALWAYS_SHOWN[entity].has(key)) continue;
      // Export rows carry custom values flattened beside the built-in ones.
      const access = this.isCustomColumn(key) ? this.column(key, entity) : this.builtIn(entity, key);
      if (access === 'hidden' || (access === 'masked' && ENUM_FIELDS.has(key))) out[key] = hiddenValue(row[key], key);
      else if (access === 'masked') out[key] = maskValue(row[key]);
    }
    if (entity === 'customer' && row.ownerId !== undefined && this.builtIn('customer', 'ownerId') === 'hidden') out.ownerName = null;
    const custom = row.custom;
    if (custom && typeof custom === 'object') out.custom = this.customValues(custom as Record<string, unknown>, entity);
    return out as T;
  }

  /** A change-log entry: null when its field is hidden, its values masked when masked. */
  entry<T extends { entity: string; field: string | null; oldValue: unknown; newValue: unknown }>(e: T): T | null {
    if (!this.restricted) return e;
    // A created or removed row is logged as one entry holding all its values.
    if (e.field === null) return { ...e, oldValue: this.entryValues(e.entity, e.oldValue), newValue: this.entryValues(e.entity, e.newValue) };
    const access = this.entryAccess(e.entity, e.field);
    if (access === 'hidden') return null;
    if (access === 'masked') return { ...e, oldValue: maskValue(e.oldValue), newValue: maskValue(e.newValue) };
    return e;
  }

  private entryValues(logEntity: string, values: unknown): unknown {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return values;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(values)) {
      const access = this.entryAccess(logEntity, key);
      if (access === 'hidden') continue;
      out[key] = access === 'masked' ? maskValue(v) : v;
    }
    return out;
  }

  /** A logged field of a change-log entity (customer, contact, order, businessRecord …). */
  entryAccess(logEntity: string, field: string): FieldAccess {
    const customEntity = LOG_CUSTOM_ENTITY[logEntity];
    if (customEntity && this.byColumn.has(field)) return this.column(field, customEntity);
    const prefix = LOG_PREFIX[logEntity];
    return prefix ? this.builtIn(prefix, field) : 'editable';
  }
}

const ORDER: readonly FieldAccess[] = ['hidden', 'masked', 'readOnly', 'editable'];
function strictest(list: readonly FieldAccess[]): FieldAccess {
  return list.reduce<FieldAccess>((a, b) => (ORDER.indexOf(b) < ORDER.indexOf(a) ? b : a), 'editable');
}

/** What a hidden built-in field reads as: empty, in the shape the contract expects. */
function hiddenValue(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return [];
  if (key === 'name') return '***';
  return null;
}

/** The caller's view of the open workspace's fields (one small read of custom field ids when rules exist). */
export function fieldViewFor(ws: Workspace, ctx: Pick<CallContext, 'role' | 'userId' | 'userName'>): FieldView {
  const rules = rulesFor(ws, ctx);
  return fieldViewOf(ws, rules);
}

export function fieldViewOf(ws: Workspace, rules: RoleRules): FieldView {
  const restricted = Object.values(rules.fields).some((a) => a !== 'editable');
  const fields = restricted
    ? (ws.db.prepare('SELECT id, entity, column_name AS columnName FROM custom_fields WHERE purged = 0').all() as FieldRef[])
    : [];
  return new FieldView(rules, fields);
}
