import { COLOR_LABELS, CUSTOMER_CLASSES, CUSTOMER_KINDS, LIFECYCLE_STAGES } from '../domain/enums';

// The whitelist of fields a user-built query may touch, per entity. The query compiler maps each
// key to a fixed SQL expression; anything not listed here cannot reach SQL.

export type QueryFieldType = 'text' | 'enum' | 'number' | 'date' | 'datetime' | 'list' | 'tags' | 'staff' | 'folder';

export interface QueryField {
  key: string;
  type: QueryFieldType;
  /** Stored values for enums, in display order. */
  options?: readonly (string | number)[];
  /** Display label for user-defined fields (built-in ones are translated by the renderer). */
  label?: string;
  /** Money fields hold fen: the UI shows and takes yuan. */
  money?: boolean;
  /** Labels of user-defined options, by value. */
  optionLabels?: Record<string, string>;
  /** A class in a classification snapshot (scheme + period); `label` names both. */
  snapshot?: boolean;
  /** A snapshot field that holds the period's revenue (fen) rather than the class. */
  snapshotMetric?: 'revenue';
}

/**
 * The field "class in the snapshot of a scheme's period". Snapshots are data, so each applied
 * period is its own enum field of the workspace's catalogue, like a custom field; when the scheme
 * is deleted the field goes and a saved query naming it reports the condition as broken.
 */
export function snapshotFieldKey(schemeId: string, period: string): string {
  return `snapshot:${schemeId}:${period}`;
}

/** The revenue (fen) the snapshot of a scheme's period was computed from: who bought in that period's window. */
export function snapshotRevenueFieldKey(schemeId: string, period: string): string {
  return `snapshotRevenue:${schemeId}:${period}`;
}

export const QUERY_ENTITIES = ['customer', 'contact'] as const;
/** Entities a related-records condition can look into: contacts, orders, records of a business type (`record:<typeId>`). */
export type RelatedEntity = 'contact' | 'order' | `record:${string}`;
export type QueryEntity = (typeof QUERY_ENTITIES)[number];

export const CUSTOMER_QUERY_FIELDS: readonly QueryField[] = [
  { key: 'name', type: 'text' },
  { key: 'shortName', type: 'text' },
  { key: 'code', type: 'text' },
  { key: 'kind', type: 'enum', options: CUSTOMER_KINDS },
  { key: 'industry', type: 'text' },
  { key: 'province', type: 'text' },
  { key: 'city', type: 'text' },
  { key: 'district', type: 'text' },
  { key: 'address', type: 'text' },
  { key: 'phones', type: 'list' },
  { key: 'email', type: 'text' },
  { key: 'website', type: 'text' },
  { key: 'source', type: 'text' },
  { key: 'ownerId', type: 'staff' },
  { key: 'customerClass', type: 'enum', options: CUSTOMER_CLASSES },
  { key: 'lifecycle', type: 'enum', options: LIFECYCLE_STAGES },
  { key: 'relationshipLevel', type: 'number' },
  { key: 'colorLabel', type: 'enum', options: COLOR_LABELS },
  { key: 'tags', type: 'tags' },
  { key: 'notes', type: 'text' },
  { key: 'createdAt', type: 'datetime' },
  { key: 'updatedAt', type: 'datetime' },
  { key: 'favouriteFolder', type: 'folder' },
  // 门店: the sites of the sync network, filled in by the workspace's catalogue (query-catalogue.ts).
  { key: 'storeCode', type: 'enum', options: [] },
];

export const CONTACT_QUERY_FIELDS: readonly QueryField[] = [
  { key: 'name', type: 'text' },
  { key: 'title', type: 'text' },
  { key: 'mobile', type: 'text' },
  { key: 'phone', type: 'text' },
  { key: 'email', type: 'text' },
  { key: 'birthday', type: 'date' },
  { key: 'notes', type: 'text' },
  { key: 'createdAt', type: 'datetime' },
  { key: 'favouriteFolder', type: 'folder' },
];

export const QUERY_FIELDS: Record<QueryEntity, readonly QueryField[]> = {
  customer: CUSTOMER_QUERY_FIELDS,
  contact: CONTACT_QUERY_FIELDS,
};

export const ORDER_QUERY_FIELDS: readonly QueryField[] = [
  { key: 'orderNo', type: 'text' },
  { key: 'orderDate', type: 'date' },
  { key: 'status', type: 'enum', options: ['draft', 'confirmed', 'shipped', 'completed', 'cancelled'] },
  { key: 'totalFen', type: 'number', money: true },
  { key: 'ownerId', type: 'staff' },
];

export const RECORD_QUERY_FIELDS: readonly QueryField[] = [
  { key: 'title', type: 'text' },
  { key: 'status', type: 'enum' },
  { key: 'employeeId', type: 'staff' },
  { key: 'createdAt', type: 'datetime' },
  { key: 'statusChangedAt', type: 'datetime' },
];

export const OPERATORS_BY_TYPE: Record<QueryFieldType, readonly string[]> = {
  text: ['eq', 'neq', 'contains', 'notContains', 'startsWith', 'in', 'notIn', 'empty', 'notEmpty'],
  enum: ['eq', 'neq', 'in', 'notIn', 'empty', 'notEmpty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'empty', 'notEmpty'],
  date: ['eq', 'before', 'after', 'between', 'relative', 'anniversaryWithin', 'empty', 'notEmpty'],
  datetime: ['eq', 'before', 'after', 'between', 'relative', 'empty', 'notEmpty'],
  list: ['contains', 'notContains', 'empty', 'notEmpty'],
  tags: ['contains', 'notContains', 'in', 'empty', 'notEmpty'],
  staff: ['eq', 'neq', 'in', 'empty', 'notEmpty'],
  folder: ['in', 'notIn'],
};

/** Built-in fields of the two root entities (custom fields come from the workspace). */
export function findField(entity: QueryEntity, key: string): QueryField | undefined {
  return QUERY_FIELDS[entity].find((f) => f.key === key);
}
