import { KecardError } from '../../../src-shared/errors';
import { scopeTestPositional, scopeWherePositional } from '../../people/record-scope';
import { OPERATORS_BY_TYPE } from '../../../src-shared/query/query-fields';
import { isConditionComplete } from '../../../src-shared/query/condition-complete';
import {
  QUERY_LIMITS,
  queryTreeSize,
  type ConditionNode,
  type GroupNode,
  type QueryDefinition,
  type QueryNode,
  type RelatedNode,
} from '../../../src-shared/query/query-tree';
import type { Workspace } from '../../db/workspace';
import { cityKey, provinceKey } from '../regions/canonical-region';
import { dateBound } from './date-bounds';
import { orderFactsSql } from './order-facts-conditions';
import { relatedCatalogue, rootCatalogue, type CatalogueField, type EntityCatalogue } from './query-catalogue';

// Compiles a query tree to a parameterised WHERE clause. Field keys resolve through the
// workspace's catalogue (built-in fields plus live custom fields) to fixed SQL expressions;
// values only ever travel as bound parameters. A tree that does not fit the schema is refused
// with the path of each broken condition rather than silently shortened.

type SqlValue = string | number;
export interface CompiledWhere {
  sql: string;
  params: SqlValue[];
}

export interface QueryProblem {
  /** Child indexes from the root group, e.g. "1.0" = first child of the second child. */
  path: string;
  /** fieldHidden: a condition or total on a field the caller may not see (a shared query; people/field-queries.ts). */
  code: 'unknownField' | 'badOperator' | 'missingValue' | 'unknownRelation' | 'fieldHidden';
  field?: string;
}

/** Every condition that no longer fits the schema, with its path; empty when the tree is sound. */
export function queryProblems(ws: Workspace, def: QueryDefinition): QueryProblem[] {
  // The contract's schema refuses such trees; a tree built in main (or read from an older file)
  // is measured here, before the recursive walk below, too.
  const size = queryTreeSize(def.where);
  if (size.tooLarge) {
    throw new KecardError('VALIDATION', 'The query is nested too deeply or has too many conditions.', {
      fields: { where: 'tooMany' },
      limits: QUERY_LIMITS,
    });
  }
  const problems: QueryProblem[] = [];
  const walk = (node: QueryNode, cat: EntityCatalogue, path: string, depth: number) => {
    if (node.kind === 'group') node.children.forEach((child, i) => walk(child, cat, path ? `${path}.${i}` : String(i), depth));
    else if (node.kind === 'related') {
      const target = cat.alias === 'c' ? relatedCatalogue(ws, node.relation, depth + 1) : null;
      if (!target) {
        problems.push({ path, code: 'unknownRelation', field: node.relation });
        return;
      }
      node.where?.children.forEach((child, i) => walk(child, target, `${path}.${i}`, depth + 1));
      if (node.mode === 'count' && !node.count) problems.push({ path, code: 'missingValue' });
      if (node.mode === 'aggregate') {
        const agg = node.aggregate;
        if (!agg) problems.push({ path, code: 'missingValue' });
        else if (!target.fields.some((f) => f.key === agg.field && (f.type === 'number' || f.type === 'date' || f.type === 'datetime'))) {
          problems.push({ path, code: 'unknownField', field: agg.field });
        }
      }
    } else {
      const field = cat.fields.find((f) => f.key === node.field);
      if (!field) problems.push({ path, code: 'unknownField', field: node.field });
      else if (!OPERATORS_BY_TYPE[field.type].includes(node.operator)) problems.push({ path, code: 'badOperator', field: node.field });
      else if (!isConditionComplete(node)) problems.push({ path, code: 'missingValue', field: node.field });
    }
  };
  walk(def.where, rootCatalogue(ws, def.entity), '', 0);
  return problems;
}

/** Refuses a tree that no longer fits the schema, naming each broken condition (whichever way it is then answered). */
export function assertQueryFits(ws: Workspace, def: QueryDefinition): void {
  const problems = queryProblems(ws, def);
  if (problems.length > 0) throw new KecardError('QUERY_INVALID', 'Some conditions no longer fit the data.', { problems });
}

export function compileWhere(ws: Workspace, def: QueryDefinition, now: Date = new Date()): CompiledWhere {
  assertQueryFits(ws, def);
  const params: SqlValue[] = [];
  const sql = group(ws, def.where, rootCatalogue(ws, def.entity), params, now, 0);
  // The caller's record scope (record-scope.ts) is part of every query's filter: run, count,
  // pinned counts, bulk targets, exports and grouped totals all compile here.
  const scoped = def.entity === 'customer' ? scopeWherePositional('c', params) : scopeTestPositional('ct.customer_id', params);
  return { sql: scoped === '1' ? sql : `(${sql} AND ${scoped})`, params };
}

function group(ws: Workspace, node: GroupNode, cat: EntityCatalogue, params: SqlValue[], now: Date, depth: number): string {
  if (node.children.length === 0) return '1';
  const parts = node.children.map((child) => {
    if (child.kind === 'group') return group(ws, child, cat, params, now, depth);
    if (child.kind === 'related') return related(ws, child, cat, params, now, depth);
    return condition(child, cat, cat.fields.find((f) => f.key === child.field) as CatalogueField, params, now);
  });
  return `(${parts.join(node.op === 'and' ? ' AND ' : ' OR ')})`;
}

const CMP = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function related(ws: Workspace, node: RelatedNode, parent: EntityCatalogue, params: SqlValue[], now: Date, depth: number): string {
  const inMemory = orderFactsSql(ws, node, parent.alias, params, now);
  if (inMemory) return inMemory;
  const target = relatedCatalogue(ws, node.relation, depth + 1) as EntityCatalogue;
  const a = target.alias;
  // Parameters must be pushed in the order their placeholders appear in the SQL text.
  const head = (select: string) =>
    `SELECT ${select} FROM ${target.table} ${a} WHERE ${a}.customer_id = ${parent.alias}.id AND ${a}.deleted = 0 AND ${target.scope.sql}`;
  const tail = () => {
    params.push(...target.scope.params);
    return node.where ? ` AND ${group(ws, node.where, target, params, now, depth + 1)}` : '';
  };
  if (node.mode === 'has') return `EXISTS (${head('1')}${tail()})`;
  if (node.mode === 'hasNo') return `NOT EXISTS (${head('1')}${tail()})`;
  if (node.mode === 'count') {
    const sql = `((${head('count(*)')}${tail()}) ${CMP[(node.count as NonNullable<RelatedNode['count']>).op]} ?)`;
    params.push((node.count as NonNullable<RelatedNode['count']>).value);
    return sql;
  }
  const agg = node.aggregate as NonNullable<RelatedNode['aggregate']>;
  const field = target.fields.find((f) => f.key === agg.field) as CatalogueField;
  params.push(...(field.params ?? []));
  const fn = `${agg.fn}(${field.sql})`;
  const select = agg.fn === 'sum' ? `COALESCE(${fn}, 0)` : fn;
  const sql = `((${head(select)}${tail()}) ${CMP[agg.op]} ?)`;
  params.push(field.type === 'number' ? Number(agg.value) : String(agg.value).slice(0, field.type === 'date' ? 10 : 40));
  return sql;
}

/**
 * One condition on a field whose value SQL takes from `field.sql`. The query worker compiles a
 * condition over a list of distinct values with it (customer-facts-test.ts), so the memory path
 * keeps SQLite's own semantics — NULLs, lower(), json_each — rather than imitating them.
 */
export function conditionSql(n: ConditionNode, field: CatalogueField, params: SqlValue[], now: Date): string {
  return condition(n, { table: '', alias: '', scope: { sql: '1', params: [] }, fields: [field] }, field, params, now);
}

function condition(given: ConditionNode, cat: EntityCatalogue, field: CatalogueField, params: SqlValue[], now: Date): string {
  if (field.type === 'folder') return folder(given, cat.alias, params);
  const n = regionCondition(given, field.key);
  // Computed fields are subqueries that may carry their own parameters; each use binds them again.
  const x = `(${field.sql})`;
  const bindX = () => params.push(...(field.params ?? []));
  const bind = (v: SqlValue | undefined) => {
    params.push(v ?? '');
    return '?';
  };
  const list = (values: readonly SqlValue[] | undefined) => {
    const vs = values ?? [];
    vs.forEach((v) => params.push(v));
    return vs.map(() => '?').join(', ');
  };
  // Every branch mentions x exactly as often as it calls bindX, left to right.
  const X = () => {
    bindX();
    return x;
  };

  if (field.type === 'list' || field.type === 'tags') {
    const exact = field.type === 'tags';
    const element = (v: SqlValue | undefined) => {
      const col = X();
      return exact
        ? `EXISTS (SELECT 1 FROM json_each(${col}) j WHERE j.value = ${bind(v)})`
        : `EXISTS (SELECT 1 FROM json_each(${col}) j WHERE instr(lower(j.value), lower(${bind(v)})) > 0)`;
    };
    switch (n.operator) {
      case 'contains':
        return element(n.value);
      case 'notContains':
        return `NOT ${element(n.value)}`;
      case 'in': {
        if ((n.values ?? []).length === 0) return '0';
        const col = X();
        return `EXISTS (SELECT 1 FROM json_each(${col}) j WHERE j.value IN (${list(n.values)}))`;
      }
      case 'empty': {
        const c1 = X();
        const c2 = X();
        return `(${c1} IS NULL OR ${c2} = '[]')`;
      }
      default: {
        const c1 = X();
        const c2 = X();
        return `(${c1} IS NOT NULL AND ${c2} <> '[]')`;
      }
    }
  }

  if (field.type === 'datetime' || field.type === 'date') return dateCondition(n, X, field.type, bind, list, now);

  switch (n.operator) {
    case 'eq':
      return `${X()} = ${bind(n.value)}`;
    case 'neq': {
      const c1 = X();
      return `(${c1} IS NULL OR ${X()} <> ${bind(n.value)})`;
    }
    case 'contains':
      return `instr(lower(${X()}), lower(${bind(n.value)})) > 0`;
    case 'notContains': {
      const c1 = X();
      return `(${c1} IS NULL OR instr(lower(${X()}), lower(${bind(n.value)})) = 0)`;
    }
    case 'startsWith': {
      const v = String(n.value ?? '');
      const col = X();
      params.push(v.length, v);
      return `lower(substr(${col}, 1, ?)) = lower(?)`;
    }
    case 'in':
      return (n.values ?? []).length === 0 ? '0' : `${X()} IN (${list(n.values)})`;
    case 'notIn': {
      if ((n.values ?? []).length === 0) return '1';
      const c1 = X();
      return `(${c1} IS NULL OR ${X()} NOT IN (${list(n.values)}))`;
    }
    case 'gt':
      return `${X()} > ${bind(n.value)}`;
    case 'gte':
      return `${X()} >= ${bind(n.value)}`;
    case 'lt':
      return `${X()} < ${bind(n.value)}`;
    case 'lte':
      return `${X()} <= ${bind(n.value)}`;
    case 'between': {
      const col = X();
      return `${col} BETWEEN ${bind(n.value)} AND ${bind(n.value2)}`;
    }
    case 'empty': {
      if (field.type === 'number' || field.type === 'enum') return `${X()} IS NULL`;
      const c1 = X();
      return `(${c1} IS NULL OR ${X()} = '')`;
    }
    case 'notEmpty': {
      if (field.type === 'number' || field.type === 'enum') return `${X()} IS NOT NULL`;
      const c1 = X();
      return `(${c1} IS NOT NULL AND ${X()} <> '')`;
    }
    default:
      throw new KecardError('QUERY_INVALID', `Operator ${n.operator} does not apply.`);
  }
}

/**
 * 省份 = 广东 also finds the 广东省 the services store (and 广东省 the 广东 typed before regions
 * were mapped): equality on province/city compares the text and its division-list name.
 */
function regionCondition(n: ConditionNode, key: string): ConditionNode {
  const toKey = key === 'province' ? provinceKey : key === 'city' ? cityKey : null;
  if (!toKey) return n;
  const both = (vs: readonly SqlValue[]) => [...new Set(vs.flatMap((v) => (typeof v === 'string' && v !== '' ? [v, toKey(v)] : [v])))];
  if (n.operator === 'eq' || n.operator === 'neq') {
    if (typeof n.value !== 'string' || n.value === '') return n;
    return { ...n, operator: n.operator === 'eq' ? 'in' : 'notIn', values: both([n.value]) };
  }
  if (n.operator === 'in' || n.operator === 'notIn') return { ...n, values: both(n.values ?? []) };
  return n;
}

function dateCondition(
  n: ConditionNode,
  X: () => string,
  type: 'date' | 'datetime',
  bind: (v: SqlValue | undefined) => string,
  list: (values: readonly SqlValue[] | undefined) => string,
  now: Date,
): string {
  const b = dateBound(n, type, now);
  switch (b.op) {
    case 'eq':
      return `${X()} = ${bind(b.value)}`;
    case 'lt':
      return `${X()} < ${bind(b.value)}`;
    case 'gte':
      return `${X()} >= ${bind(b.value)}`;
    case 'range': {
      const c1 = X();
      const a = bind(b.from);
      const c2 = X();
      return `(${c1} >= ${a} AND ${c2} < ${bind(b.to)})`;
    }
    case 'anniversary':
      return `substr(${X()}, 6, 5) IN (${list(b.days)})`;
    case 'empty': {
      const c1 = X();
      return `(${c1} IS NULL OR ${X()} = '')`;
    }
    case 'notEmpty': {
      const c1 = X();
      return `(${c1} IS NOT NULL AND ${X()} <> '')`;
    }
  }
}

function folder(n: ConditionNode, alias: string, params: SqlValue[]): string {
  const ids = n.values ?? [];
  if (ids.length === 0) return n.operator === 'in' ? '0' : '1';
  ids.forEach((v) => params.push(v));
  const exists = `EXISTS (SELECT 1 FROM favourite_items fi WHERE fi.item_id = ${alias}.id AND fi.deleted = 0 AND fi.folder_id IN (${ids.map(() => '?').join(', ')}))`;
  return n.operator === 'in' ? exists : `NOT ${exists}`;
}
