import type { CustomField } from '../../../src-shared/domain/custom-fields';
import {
  CONTACT_QUERY_FIELDS,
  CUSTOMER_QUERY_FIELDS,
  ORDER_QUERY_FIELDS,
  RECORD_QUERY_FIELDS,
  type QueryField,
  type QueryFieldType,
  type RelatedEntity,
} from '../../../src-shared/query/query-fields';
import type { Workspace } from '../../db/workspace';
import { getBusinessType, listBusinessTypes } from '../business/business-type-service';
import { listFields, safeColumn } from '../custom-fields/field-registry';
import { computedSql } from '../custom-fields/computed-values';
import { snapshotFields } from './snapshot-fields';
import { storeSites } from '../../sync/network/store-sites';

/** A queryable field with the SQL expression it compiles to (relative to the entity's alias). */
export interface CatalogueField extends QueryField {
  sql: string;
  params?: string[];
}

export interface EntityCatalogue {
  table: string;
  alias: string;
  /** Extra condition every row of this entity must meet (records: their type). */
  scope: { sql: string; params: string[] };
  fields: CatalogueField[];
}

const BUILT_IN_SQL: Record<string, Record<string, string>> = {
  customer: {
    name: 'name',
    shortName: 'short_name',
    code: 'code',
    kind: 'kind',
    industry: 'industry',
    province: 'province',
    city: 'city',
    district: 'district',
    address: 'address',
    phones: 'phones',
    email: 'email',
    website: 'website',
    source: 'source',
    ownerId: 'owner_id',
    customerClass: 'class',
    lifecycle: 'lifecycle',
    relationshipLevel: 'relationship_level',
    colorLabel: 'color_label',
    tags: 'tags',
    notes: 'notes',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    storeCode: 'store_code',
  },
  contact: {
    name: 'name',
    title: 'title',
    mobile: 'mobile',
    phone: 'phone',
    email: 'email',
    birthday: 'birthday',
    notes: 'notes',
    createdAt: 'created_at',
  },
  order: { orderNo: 'order_no', orderDate: 'order_date', status: 'status', totalFen: 'total_fen', ownerId: 'owner_id' },
  record: { title: 'title', status: 'status', employeeId: 'employee_id', createdAt: 'created_at', statusChangedAt: 'status_changed_at' },
};

/** How a custom field of each type is queried. */
const CUSTOM_QUERY_TYPE: Record<CustomField['type'], QueryFieldType> = {
  text: 'text',
  longText: 'text',
  phone: 'text',
  email: 'text',
  url: 'text',
  customerRef: 'text',
  integer: 'number',
  decimal: 'number',
  money: 'number',
  percent: 'number',
  computedTotal: 'number',
  date: 'date',
  datetime: 'datetime',
  select: 'enum',
  multiSelect: 'tags',
  boolean: 'enum',
  staff: 'staff',
};

function customFieldsOf(fields: CustomField[], alias: string): CatalogueField[] {
  return fields.map((f) => {
    const base = {
      key: f.columnName,
      type: CUSTOM_QUERY_TYPE[f.type],
      label: f.label,
      ...(f.type === 'money' || (f.type === 'computedTotal' && f.computed?.fn === 'sum') ? { money: true } : {}),
      ...(f.type === 'select' || f.type === 'multiSelect'
        ? { options: f.options.map((o) => o.value), optionLabels: Object.fromEntries(f.options.map((o) => [o.value, o.label])) }
        : {}),
      ...(f.type === 'boolean' ? { options: [1, 0] } : {}),
    };
    if (f.type === 'computedTotal' && f.computed) {
      const c = computedSql(f.computed);
      return { ...base, sql: c.sql.replaceAll('c.id', `${alias}.id`), params: c.params };
    }
    return { ...base, sql: `${alias}.${safeColumn(f.columnName)}` };
  });
}

function builtIn(entity: keyof typeof BUILT_IN_SQL, fields: readonly QueryField[], alias: string): CatalogueField[] {
  return fields.map((f) => ({ ...f, sql: f.type === 'folder' ? '' : `${alias}.${BUILT_IN_SQL[entity]?.[f.key] ?? ''}` }));
}

/** Root entities of a query: customers or contacts, with their custom fields. */
export function rootCatalogue(ws: Workspace, entity: 'customer' | 'contact'): EntityCatalogue {
  const alias = entity === 'customer' ? 'c' : 'ct';
  const fields = entity === 'customer' ? CUSTOMER_QUERY_FIELDS : CONTACT_QUERY_FIELDS;
  return {
    table: entity === 'customer' ? 'customers' : 'contacts',
    alias,
    scope: { sql: '1', params: [] },
    fields: [
      ...builtIn(entity, fields, alias).map((f) => (f.key === 'storeCode' ? { ...f, ...storeOptions(ws) } : f)),
      ...customFieldsOf(listFields(ws, entity), alias),
      ...(entity === 'customer' ? snapshotFields(ws, alias) : []),
    ],
  };
}

/** A related list of the customer: contacts, orders, or records of one business type. Null if it no longer exists. */
export function relatedCatalogue(ws: Workspace, relation: string, depth: number): EntityCatalogue | null {
  const alias = `r${depth}`;
  if (relation === 'contacts') {
    return {
      table: 'contacts',
      alias,
      scope: { sql: '1', params: [] },
      fields: [
        ...builtIn(
          'contact',
          CONTACT_QUERY_FIELDS.filter((f) => f.type !== 'folder'),
          alias,
        ),
        ...customFieldsOf(listFields(ws, 'contact'), alias),
      ],
    };
  }
  if (relation === 'orders') {
    return {
      table: 'orders',
      alias,
      scope: { sql: `${alias}.status <> 'cancelled'`, params: [] },
      fields: [...builtIn('order', ORDER_QUERY_FIELDS, alias), ...customFieldsOf(listFields(ws, 'order'), alias)],
    };
  }
  const m = /^records:(.+)$/.exec(relation);
  if (!m?.[1]) return null;
  let type;
  try {
    type = getBusinessType(ws, m[1]);
  } catch {
    return null;
  }
  const fields = builtIn('record', RECORD_QUERY_FIELDS, alias).map((f) =>
    f.key === 'status' ? { ...f, options: type.statuses.map((s) => s.key) } : f,
  );
  return {
    table: 'business_records',
    alias,
    scope: { sql: `${alias}.type_id = ?`, params: [type.id] },
    fields: [...fields, ...customFieldsOf(listFields(ws, 'record', { businessTypeId: type.id }), alias)],
  };
}

/** What the query builder offers: fields per entity and the related lists with their fields. */
export function queryFieldCatalogue(ws: Workspace, entity: 'customer' | 'contact'): QueryField[] {
  return (
    rootCatalogue(ws, entity)
      // 门店 means nothing to a workspace on its own: offered only in a sync network.
      .fields.filter((f) => f.key !== 'storeCode' || (f.options?.length ?? 0) > 0)
      .map(({ sql: _sql, params: _params, ...f }) => f)
  );
}

/** The 门店 a condition can pick: this site and its partners, as "NJ01 南京店". */
function storeOptions(ws: Workspace): Pick<QueryField, 'options' | 'optionLabels'> {
  const sites = storeSites(ws.db);
  return { options: sites.map((s) => s.code), optionLabels: Object.fromEntries(sites.map((s) => [s.code, `${s.code} ${s.name}`])) };
}

export function relationCatalogue(ws: Workspace): { relation: string; entity: RelatedEntity; label: string | null; fields: QueryField[] }[] {
  const strip = (c: EntityCatalogue | null) => (c ? c.fields.map(({ sql: _s, params: _p, ...f }) => f) : []);
  return [
    { relation: 'contacts', entity: 'contact' as const, label: null, fields: strip(relatedCatalogue(ws, 'contacts', 1)) },
    { relation: 'orders', entity: 'order' as const, label: null, fields: strip(relatedCatalogue(ws, 'orders', 1)) },
    ...listBusinessTypes(ws).map((t) => ({
      relation: `records:${t.id}`,
      entity: `record:${t.id}` as const,
      label: t.name,
      fields: strip(relatedCatalogue(ws, `records:${t.id}`, 1)),
    })),
  ];
}
