import { COLOR_LABELS, CUSTOMER_CLASSES, CUSTOMER_KINDS, LIFECYCLE_STAGES } from '../domain/enums';

// The whitelist of fields a user-built query may touch, per entity. The query compiler maps each
// key to a fixed SQL expression; anything not listed here cannot reach SQL.

export type QueryFieldType = 'text' | 'enum' | 'number' | 'date' | 'datetime' | 'list' | 'tags' | 'staff' | 'folder';

export interface QueryField {
  key: string;
  type: QueryFieldType;
  /** Stored values for enums, in display order. */
  options?: readonly (string | number)[];
}

export const QUERY_ENTITIES = ['customer', 'contact'] as const;
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

/** Related lists a customer condition can look into; orders and business types join them later. */
export const RELATIONS = { contacts: 'contact' } as const satisfies Record<string, QueryEntity>;
export type Relation = keyof typeof RELATIONS;

export function findField(entity: QueryEntity, key: string): QueryField | undefined {
  return QUERY_FIELDS[entity].find((f) => f.key === key);
}

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
