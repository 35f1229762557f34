import { eq } from 'drizzle-orm';
import type { Entity } from '../../../src-shared/domain/change-log';
import {
  appSettings,
  classificationOverrides,
  classificationSchemes,
  businessRecords,
  businessTypes,
  cardLayouts,
  contacts,
  customerStaff,
  customFields,
  customers,
  departments,
  employees,
  expenseCategories,
  expenses,
  favouriteFolders,
  favouriteItems,
  importMappings,
  orderLines,
  orders,
  products,
  queryForms,
  receipts,
  savedQueries,
} from '../../db/schema';

// The user-data tables the generic write helpers may touch, keyed by change-log entity name.
export const ENTITY_TABLES = {
  customer: customers,
  department: departments,
  contact: contacts,
  employee: employees,
  savedQuery: savedQueries,
  favouriteFolder: favouriteFolders,
  favouriteItem: favouriteItems,
  product: products,
  order: orders,
  orderLine: orderLines,
  receipt: receipts,
  customerStaff,
  customField: customFields,
  cardLayout: cardLayouts,
  businessType: businessTypes,
  businessRecord: businessRecords,
  expenseCategory: expenseCategories,
  expense: expenses,
  queryForm: queryForms,
  importMapping: importMappings,
  classificationScheme: classificationSchemes,
  classificationOverride: classificationOverrides,
  setting: appSettings,
} as const;
/** Entities stored as rows the generic writes handle; log-only entities (a classification run) are not. */
export type TableEntity = keyof typeof ENTITY_TABLES;
export type EntityTable = (typeof ENTITY_TABLES)[TableEntity];

export function isTableEntity(entity: Entity): entity is TableEntity {
  return Object.hasOwn(ENTITY_TABLES, entity);
}

/** Fields kept as JSON text in SQLite but as arrays in the contract and the change log. */
const JSON_FIELDS = new Set([
  'phones',
  'tags',
  'definition',
  'options',
  'statuses',
  'transitions',
  'listColumns',
  'layout',
  'fields',
  'mapping',
  'definition',
  'value',
]);
/** JSON fields where null means "not set" rather than an empty list. */
const NULLABLE_JSON_FIELDS = new Set(['computed', 'defaultValue']);
/** Fields stored as 0/1 but booleans in the contract. */
const BOOLEAN_FIELDS = new Set([
  'deleted',
  'active',
  'shared',
  'pinned',
  'required',
  'uniqueValues',
  'searchable',
  'indexed',
  'trackHistory',
  'linkContact',
  'linkStaff',
  'setsCustomerClass',
]);

export function toDbValue(field: string, value: unknown): unknown {
  if (JSON_FIELDS.has(field)) return JSON.stringify(value ?? []);
  if (NULLABLE_JSON_FIELDS.has(field)) return value === null || value === undefined ? null : JSON.stringify(value);
  if (BOOLEAN_FIELDS.has(field)) return value ? 1 : 0;
  return value ?? null;
}

export function fromDbValue(field: string, value: unknown): unknown {
  if (JSON_FIELDS.has(field)) return typeof value === 'string' ? (JSON.parse(value) as unknown) : [];
  if (NULLABLE_JSON_FIELDS.has(field)) return typeof value === 'string' ? (JSON.parse(value) as unknown) : null;
  if (BOOLEAN_FIELDS.has(field)) return value === 1;
  return value ?? null;
}

export function idColumn(entity: TableEntity) {
  return ENTITY_TABLES[entity].id;
}

export function byIdWhere(entity: TableEntity, id: string) {
  return eq(idColumn(entity), id);
}
