import type { CustomValue } from '../../../src-shared/domain/custom-fields';
import type { Workspace } from '../../db/workspace';
import { listFields } from './field-registry';

/**
 * SQL for a computed total over one of the customer's related lists, correlated on `c.id`. The
 * relation and column come from this fixed map; only a business type id is bound.
 */
export function computedSql(spec: { relation: string; fn: string; field?: string | undefined; businessTypeId?: string | undefined }): {
  sql: string;
  params: string[];
} {
  const fn = spec.fn === 'count' ? 'count(*)' : spec.fn === 'max' ? 'max' : 'sum';
  switch (spec.relation) {
    case 'orders': {
      const col = spec.field === 'orderDate' ? 'order_date' : 'total_fen';
      const agg = fn === 'count(*)' ? fn : `COALESCE(${fn}(x.${col}), ${col === 'order_date' ? 'NULL' : 0})`;
      return { sql: `(SELECT ${agg} FROM orders x WHERE x.customer_id = c.id AND x.deleted = 0 AND x.status <> 'cancelled')`, params: [] };
    }
    case 'receipts': {
      const col = spec.field === 'receiptDate' ? 'receipt_date' : 'amount_fen';
      const agg = fn === 'count(*)' ? fn : `COALESCE(${fn}(x.${col}), ${col === 'receipt_date' ? 'NULL' : 0})`;
      return { sql: `(SELECT ${agg} FROM receipts x WHERE x.customer_id = c.id AND x.deleted = 0)`, params: [] };
    }
    case 'expenses': {
      const agg = fn === 'count(*)' ? fn : `COALESCE(${fn}(x.amount_fen), 0)`;
      return { sql: `(SELECT ${agg} FROM expenses x WHERE x.customer_id = c.id AND x.deleted = 0)`, params: [] };
    }
    default:
      return {
        sql: `(SELECT count(*) FROM business_records x WHERE x.customer_id = c.id AND x.deleted = 0 AND x.type_id = ?)`,
        params: [spec.businessTypeId ?? ''],
      };
  }
}

export function computedValues(ws: Workspace, customerIds: readonly string[]): Map<string, Record<string, CustomValue>> {
  const out = new Map<string, Record<string, CustomValue>>();
  const fields = listFields(ws, 'customer').filter((f) => f.type === 'computedTotal' && f.computed);
  if (fields.length === 0 || customerIds.length === 0) return out;
  const parts = fields.map((f) => computedSql(f.computed as NonNullable<typeof f.computed>));
  const select = parts.map((p, i) => `${p.sql} AS v${i}`).join(', ');
  const stmt = ws.db.prepare(`SELECT c.id, ${select} FROM customers c WHERE c.id = ?`);
  for (const id of customerIds) {
    const row = stmt.get(...parts.flatMap((p) => p.params), id) as Record<string, unknown> | undefined;
    if (!row) continue;
    const values: Record<string, CustomValue> = {};
    fields.forEach((f, i) => (values[f.columnName] = (row[`v${i}`] ?? null) as CustomValue));
    out.set(id, values);
  }
  return out;
}
