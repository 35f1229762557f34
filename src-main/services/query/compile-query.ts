import { KecardError } from '../../../src-shared/errors';
import { findField, OPERATORS_BY_TYPE, RELATIONS, type QueryEntity, type QueryField } from '../../../src-shared/query/query-fields';
import type { ConditionNode, GroupNode, QueryDefinition, QueryNode, RelatedNode } from '../../../src-shared/query/query-tree';
import { anniversaryDays, localDate, periodRange } from '../../../src-shared/query/relative-dates';

// Compiles a query tree to a parameterised WHERE clause. Field keys map to fixed column
// expressions below; values only ever travel as bound parameters. A tree that does not fit the
// schema is refused with the path of each broken condition rather than silently shortened.

type SqlValue = string | number;
export interface CompiledWhere {
  sql: string;
  params: SqlValue[];
}

export interface QueryProblem {
  /** Child indexes from the root group, e.g. "1.0" = first child of the second child. */
  path: string;
  code: 'unknownField' | 'badOperator' | 'missingValue' | 'unknownRelation';
  field?: string;
}

const ALIAS: Record<QueryEntity, string> = { customer: 'c', contact: 'ct' };
const TABLE: Record<QueryEntity, string> = { customer: 'customers', contact: 'contacts' };

const COLUMN: Record<QueryEntity, Record<string, string>> = {
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
};

export function tableOf(entity: QueryEntity): { table: string; alias: string } {
  return { table: TABLE[entity], alias: ALIAS[entity] };
}

/** Every condition that no longer fits the schema, with its path; empty when the tree is sound. */
export function queryProblems(def: QueryDefinition): QueryProblem[] {
  const problems: QueryProblem[] = [];
  const walk = (node: QueryNode, entity: QueryEntity, path: string) => {
    if (node.kind === 'group') node.children.forEach((child, i) => walk(child, entity, path ? `${path}.${i}` : String(i)));
    else if (node.kind === 'related') {
      const target = relationTarget(entity, node.relation);
      if (!target) problems.push({ path, code: 'unknownRelation', field: node.relation });
      else if (node.where) node.where.children.forEach((child, i) => walk(child, target, `${path}.${i}`));
      if (node.mode === 'count' && !node.count) problems.push({ path, code: 'missingValue' });
    } else {
      const field = findField(entity, node.field);
      if (!field) problems.push({ path, code: 'unknownField', field: node.field });
      else if (!OPERATORS_BY_TYPE[field.type].includes(node.operator)) problems.push({ path, code: 'badOperator', field: node.field });
      else if (!hasValue(node)) problems.push({ path, code: 'missingValue', field: node.field });
    }
  };
  walk(def.where, def.entity, '');
  return problems;
}

function relationTarget(entity: QueryEntity, relation: string): QueryEntity | null {
  if (entity !== 'customer') return null;
  return Object.hasOwn(RELATIONS, relation) ? RELATIONS[relation as keyof typeof RELATIONS] : null;
}

function hasValue(n: ConditionNode): boolean {
  switch (n.operator) {
    case 'empty':
    case 'notEmpty':
      return true;
    case 'in':
    case 'notIn':
      return Array.isArray(n.values);
    case 'between':
      return n.value !== undefined && n.value2 !== undefined;
    case 'relative':
      return n.period !== undefined && (!(n.period === 'lastNDays' || n.period === 'nextNDays') || n.days !== undefined);
    case 'anniversaryWithin':
      return n.days !== undefined;
    default:
      return n.value !== undefined;
  }
}

export function compileWhere(def: QueryDefinition, now: Date = new Date()): CompiledWhere {
  const problems = queryProblems(def);
  if (problems.length > 0) throw new KecardError('QUERY_INVALID', 'Some conditions no longer fit the data.', { problems });
  const params: SqlValue[] = [];
  const sql = group(def.where, def.entity, params, now);
  return { sql, params };
}

function group(node: GroupNode, entity: QueryEntity, params: SqlValue[], now: Date): string {
  if (node.children.length === 0) return '1';
  const parts = node.children.map((child) => compileNode(child, entity, params, now));
  return `(${parts.join(node.op === 'and' ? ' AND ' : ' OR ')})`;
}

function compileNode(node: QueryNode, entity: QueryEntity, params: SqlValue[], now: Date): string {
  if (node.kind === 'group') return group(node, entity, params, now);
  if (node.kind === 'related') return related(node, entity, params, now);
  return condition(node, entity, findField(entity, node.field) as QueryField, params, now);
}

function related(node: RelatedNode, entity: QueryEntity, params: SqlValue[], now: Date): string {
  const target = relationTarget(entity, node.relation) as QueryEntity;
  const { table, alias } = tableOf(target);
  const inner = node.where ? group(node.where, target, params, now) : '1';
  const from = `FROM ${table} ${alias} WHERE ${alias}.customer_id = ${ALIAS[entity]}.id AND ${alias}.deleted = 0 AND ${inner}`;
  if (node.mode === 'has') return `EXISTS (SELECT 1 ${from})`;
  if (node.mode === 'hasNo') return `NOT EXISTS (SELECT 1 ${from})`;
  const count = node.count as NonNullable<RelatedNode['count']>;
  params.push(count.value);
  return `((SELECT count(*) ${from}) ${CMP[count.op]} ?)`;
}

const CMP = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function condition(n: ConditionNode, entity: QueryEntity, field: QueryField, params: SqlValue[], now: Date): string {
  const alias = ALIAS[entity];
  if (field.type === 'folder') return folder(n, entity, params);
  const x = `${alias}.${COLUMN[entity][field.key] as string}`;
  const bind = (v: SqlValue | undefined) => {
    params.push(v ?? '');
    return '?';
  };
  const list = (values: readonly SqlValue[] | undefined) => {
    const vs = values ?? [];
    vs.forEach((v) => params.push(v));
    return vs.map(() => '?').join(', ');
  };

  if (field.type === 'list' || field.type === 'tags') {
    const exact = field.type === 'tags';
    const element = (v: SqlValue | undefined) =>
      exact ? `EXISTS (SELECT 1 FROM json_each(${x}) j WHERE j.value = ${bind(v)})` : `EXISTS (SELECT 1 FROM json_each(${x}) j WHERE instr(lower(j.value), lower(${bind(v)})) > 0)`;
    switch (n.operator) {
      case 'contains':
        return element(n.value);
      case 'notContains':
        return `NOT ${element(n.value)}`;
      case 'in':
        return (n.values ?? []).length === 0 ? '0' : `EXISTS (SELECT 1 FROM json_each(${x}) j WHERE j.value IN (${list(n.values)}))`;
      case 'empty':
        return `(${x} IS NULL OR ${x} = '[]')`;
      default:
        return `(${x} IS NOT NULL AND ${x} <> '[]')`;
    }
  }

  if (field.type === 'datetime' || field.type === 'date') return dateCondition(n, x, field.type, bind, list, now);

  switch (n.operator) {
    case 'eq':
      return `${x} = ${bind(n.value)}`;
    case 'neq':
      return `(${x} IS NULL OR ${x} <> ${bind(n.value)})`;
    case 'contains':
      return `instr(lower(${x}), lower(${bind(n.value)})) > 0`;
    case 'notContains':
      return `(${x} IS NULL OR instr(lower(${x}), lower(${bind(n.value)})) = 0)`;
    case 'startsWith': {
      const v = String(n.value ?? '');
      params.push(v.length, v);
      return `lower(substr(${x}, 1, ?)) = lower(?)`;
    }
    case 'in':
      return (n.values ?? []).length === 0 ? '0' : `${x} IN (${list(n.values)})`;
    case 'notIn':
      return (n.values ?? []).length === 0 ? '1' : `(${x} IS NULL OR ${x} NOT IN (${list(n.values)}))`;
    case 'gt':
      return `${x} > ${bind(n.value)}`;
    case 'gte':
      return `${x} >= ${bind(n.value)}`;
    case 'lt':
      return `${x} < ${bind(n.value)}`;
    case 'lte':
      return `${x} <= ${bind(n.value)}`;
    case 'between':
      return `${x} BETWEEN ${bind(n.value)} AND ${bind(n.value2)}`;
    case 'empty':
      return field.type === 'number' ? `${x} IS NULL` : `(${x} IS NULL OR ${x} = '')`;
    case 'notEmpty':
      return field.type === 'number' ? `${x} IS NOT NULL` : `(${x} IS NOT NULL AND ${x} <> '')`;
    default:
      throw new KecardError('QUERY_INVALID', `Operator ${n.operator} does not apply.`);
  }
}

/**
 * Dates (YYYY-MM-DD) compare as local calendar days; timestamps (UTC ISO) compare with the
 * instants at which those local days start, so "created today" means today where the user is.
 */
function dateCondition(
  n: ConditionNode,
  x: string,
  type: 'date' | 'datetime',
  bind: (v: SqlValue | undefined) => string,
  list: (values: readonly SqlValue[] | undefined) => string,
  now: Date,
): string {
  const dayStart = (day: string, plusDays = 0) => {
    const [y, m, d] = day.split('-').map(Number);
    const local = new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays);
    return type === 'date' ? localDate(local) : local.toISOString();
  };
  const day = (v: SqlValue | undefined) => String(v ?? '').slice(0, 10);
  switch (n.operator) {
    case 'eq':
      return type === 'date' ? `${x} = ${bind(day(n.value))}` : `(${x} >= ${bind(dayStart(day(n.value)))} AND ${x} < ${bind(dayStart(day(n.value), 1))})`;
    case 'before':
      return `${x} < ${bind(dayStart(day(n.value)))}`;
    case 'after':
      return `${x} >= ${bind(dayStart(day(n.value), 1))}`;
    case 'between':
      return `(${x} >= ${bind(dayStart(day(n.value)))} AND ${x} < ${bind(dayStart(day(n.value2), 1))})`;
    case 'relative': {
      const range = periodRange(n.period ?? 'today', now, n.days ?? 0);
      const from = type === 'date' ? localDate(range.from) : range.from.toISOString();
      const to = type === 'date' ? localDate(range.to) : range.to.toISOString();
      return `(${x} >= ${bind(from)} AND ${x} < ${bind(to)})`;
    }
    case 'anniversaryWithin':
      return `substr(${x}, 6, 5) IN (${list(anniversaryDays(now, n.days ?? 0))})`;
    case 'empty':
      return `(${x} IS NULL OR ${x} = '')`;
    case 'notEmpty':
      return `(${x} IS NOT NULL AND ${x} <> '')`;
    default:
      throw new KecardError('QUERY_INVALID', `Operator ${n.operator} does not apply to dates.`);
  }
}

function folder(n: ConditionNode, entity: QueryEntity, params: SqlValue[]): string {
  const ids = n.values ?? [];
  if (ids.length === 0) return n.operator === 'in' ? '0' : '1';
  ids.forEach((v) => params.push(v));
  const exists = `EXISTS (SELECT 1 FROM favourite_items fi WHERE fi.item_id = ${ALIAS[entity]}.id AND fi.deleted = 0 AND fi.folder_id IN (${ids.map(() => '?').join(', ')}))`;
  return n.operator === 'in' ? exists : `NOT ${exists}`;
}
