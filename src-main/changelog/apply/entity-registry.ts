import type { Entity } from '../../../src-shared/domain/change-log';
import type { TableEntity } from '../../services/shared/entity-tables';

/**
 * What the change log carries and what a workspace recomputes, per entity. A field is
 *   - data: the user's (or an import's) value; logged, merged between sites field by field;
 *   - derived: a function of data (a total, a sort key, the time a status last moved); written
 *     beside the data but never logged, and recomputed after any write, local or remote
 *     (`recompute-derived.ts`), so two sites holding the same data hold the same derived values;
 *   - bookkeeping: id, site, created/updated times and the deleted flag, set by the write itself
 *     from the change's origin (create → createdAt, any logged write → updatedAt).
 * Columns not named here and not bookkeeping are data. Per-file columns (a customer's `seq`, the
 * full-text rowid) never leave the file and are neither.
 *
 * Derived tables: the search index (customer_search*) and classification snapshots are recomputed
 * too: the search document from the customer and its contacts, a snapshot from the logged run
 * (scheme, period, as-of date) over the orders the file holds at that point of the log.
 */
export interface EntityRules {
  /** Fields always derived. */
  derived: readonly string[];
  /** Fields derived only when a condition on the row after the write holds. */
  derivedWhen?: Readonly<Record<string, (row: Readonly<Record<string, unknown>>) => boolean>>;
}

export const BOOKKEEPING_FIELDS = ['id', 'siteId', 'createdAt', 'updatedAt', 'deleted'] as const;

/** Columns that belong to this file only (never logged, never compared between files). */
export const LOCAL_COLUMNS: Partial<Record<TableEntity, readonly string[]>> = { customer: ['seq'] };

const NO_RULES: EntityRules = { derived: [] };

export const ENTITY_RULES: Partial<Record<Entity, EntityRules>> = {
  // The pinyin sort key follows the name.
  customer: { derived: ['sortKey'] },
  // The total is the lines' amounts less the order discount; with a rate (discountBp) the
  // discount amount is derived from it too, otherwise the amount is what the user entered.
  order: { derived: ['totalFen'], derivedWhen: { discountFen: (row) => row.discountBp !== null && row.discountBp !== undefined } },
  // When the status last moved: the time of the write that moved it.
  businessRecord: { derived: ['statusChangedAt'] },
};

export function rulesOf(entity: Entity): EntityRules {
  return ENTITY_RULES[entity] ?? NO_RULES;
}

/** Whether `field` of `entity` is derived for a row that looks like `row` after the write. */
export function isDerived(entity: Entity, field: string, row: Readonly<Record<string, unknown>>): boolean {
  const rules = rulesOf(entity);
  if (rules.derived.includes(field)) return true;
  const when = rules.derivedWhen?.[field];
  return when ? when(row) : false;
}

/** Fields derived in the row before a write and data after it. */
export function becameData(entity: Entity, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  const when = rulesOf(entity).derivedWhen ?? {};
  return Object.keys(when).filter((field) => isDerived(entity, field, before) && !isDerived(entity, field, after));
}

/** The data fields of `values` (what the log carries), for a row that looks like `row` after the write. */
export function dataOnly(
  entity: Entity,
  values: Readonly<Record<string, unknown>>,
  row: Readonly<Record<string, unknown>> = values,
): Record<string, unknown> {
  const fields = Object.keys(values);
  // Most writes carry no derived field: hand back the same object (bulk writes log millions).
  if (!fields.some((f) => isDerived(entity, f, row))) return values;
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) if (!isDerived(entity, field, row)) kept[field] = value;
  return kept;
}

/** Derived columns a write sets from its own time (a record's status moved → when it moved). */
export function stampedByWrite(entity: Entity, fields: readonly string[], at: string): Record<string, unknown> {
  return entity === 'businessRecord' && fields.includes('status') ? { statusChangedAt: at } : {};
}

/**
 * Entities whose shown values are derived from another's rows: a change to the key is a change to
 * what screens show of the values (the order's total and the record's expense total).
 */
const SHOWN_WITH: Partial<Record<string, readonly string[]>> = { orderLine: ['order'], expense: ['businessRecord'] };

export function withDependents(entities: readonly string[]): string[] {
  const all = new Set(entities);
  for (const entity of entities) for (const dependent of SHOWN_WITH[entity] ?? []) all.add(dependent);
  return [...all];
}
