import { customField, type CustomField, type CustomFieldEntity } from '../../../src-shared/domain/custom-fields';
import type { Workspace } from '../../db/workspace';

/** The physical table that holds an entity's custom columns. */
export const CUSTOM_TABLE: Record<CustomFieldEntity, string> = {
  customer: 'customers',
  contact: 'contacts',
  order: 'orders',
  record: 'business_records',
};

const COLUMN_NAME = /^cf_[a-z0-9]{6,16}$/;

/** Column names come from metadata, never from callers; this guard keeps that true at the SQL site. */
export function safeColumn(name: string): string {
  if (!COLUMN_NAME.test(name)) throw new Error(`Not a custom column: ${name}`);
  return name;
}

interface FieldRow {
  id: string;
  entity: string;
  business_type_id: string | null;
  column_name: string;
  label: string;
  type: string;
  options: string;
  required: number;
  unique_values: number;
  default_value: string | null;
  help: string | null;
  searchable: number;
  indexed: number;
  track_history: number;
  computed: string | null;
  sort_order: number;
  deleted: number;
}

function toField(r: FieldRow): CustomField {
  return customField.parse({
    id: r.id,
    entity: r.entity,
    businessTypeId: r.business_type_id,
    columnName: r.column_name,
    label: r.label,
    type: r.type,
    options: JSON.parse(r.options) as unknown,
    required: r.required === 1,
    uniqueValues: r.unique_values === 1,
    defaultValue: r.default_value === null ? null : (JSON.parse(r.default_value) as unknown),
    help: r.help,
    searchable: r.searchable === 1,
    indexed: r.indexed === 1,
    trackHistory: r.track_history === 1,
    computed: r.computed === null ? null : (JSON.parse(r.computed) as unknown),
    sortOrder: r.sort_order,
    deleted: r.deleted === 1,
  });
}

/** Fields of an entity (for records: of one business type, or all types when omitted). */
export function listFields(
  ws: Workspace,
  entity: CustomFieldEntity,
  options: { businessTypeId?: string | null; includeDeleted?: boolean } = {},
): CustomField[] {
  const rows = ws.db
    .prepare(
      `SELECT * FROM custom_fields WHERE entity = ? AND purged = 0 AND (? = 1 OR deleted = 0)
       AND (? IS NULL OR business_type_id = ?) ORDER BY sort_order, created_at`,
    )
    .all(entity, options.includeDeleted ? 1 : 0, options.businessTypeId ?? null, options.businessTypeId ?? null) as FieldRow[];
  return rows.map(toField);
}

export function getField(ws: Workspace, id: string): CustomField | null {
  const row = ws.db.prepare('SELECT * FROM custom_fields WHERE id = ? AND purged = 0').get(id) as FieldRow | undefined;
  return row ? toField(row) : null;
}

/** Live stored (non-computed) fields: the columns a read or write of the entity includes. */
export function storedFields(ws: Workspace, entity: CustomFieldEntity, businessTypeId?: string | null): CustomField[] {
  return listFields(ws, entity, businessTypeId === undefined ? {} : { businessTypeId }).filter((f) => f.type !== 'computedTotal');
}
