import { duplicateNameKey } from '../../src-shared/import/convert-cells';
import type { Workspace } from '../db/workspace';
import type { ImportSettings } from '../../src-shared/import/import-settings';

/** Who a key belongs to: a customer already in the workspace, or an earlier row of the file. */
export interface DuplicateMatch {
  key: string;
  name: string;
  /** The customer's id: an existing one, or the one created for that earlier row (null if none was). */
  id: string | null;
  /** The earlier row of the file, or null for an existing customer. */
  row: number | null;
}

/**
 * Duplicate keys of the customers already in the workspace (read once per import) and of the rows
 * met so far. Names are compared after folding full-width characters, spaces and case, so
 * "华为技术 有限公司" meets "华为技术有限公司". A key maps to a slot number and the slot's facts
 * live in plain arrays: a million-row file keeps ~2 million keys, and an object per key was most
 * of the import's memory.
 */
export class DuplicateIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly ids: (string | null)[] = [];
  private readonly names: string[] = [];
  /** 0 for an existing customer. */
  private readonly rows: number[] = [];

  constructor(ws: Workspace, keys: ImportSettings['duplicateKeys']) {
    const want = new Set(keys);
    const taxColumn = want.has('taxId')
      ? ((ws.db
          .prepare(
            "SELECT column_name FROM custom_fields WHERE entity = 'customer' AND deleted = 0 AND label IN ('税号', '纳税人识别号', '统一社会信用代码')",
          )
          .pluck()
          .get() as string | undefined) ?? null)
      : null;
    const cols = ['id', 'name', 'code', 'phones', ...(taxColumn && /^cf_[a-z0-9]+$/.test(taxColumn) ? [taxColumn] : [])];
    const rows = ws.db.prepare(`SELECT ${cols.join(', ')} FROM customers WHERE deleted = 0`).iterate() as IterableIterator<
      Record<string, string | null>
    >;
    for (const r of rows) {
      const slot = this.addSlot(r.id as string, r.name as string, 0);
      for (const key of keysOf(want, {
        name: r.name,
        code: r.code,
        taxId: taxColumn ? r[taxColumn] : null,
        phones: JSON.parse(r.phones ?? '[]') as string[],
      })) {
        if (!this.slotOf.has(key)) this.slotOf.set(key, slot);
      }
    }
  }

  find(keys: readonly string[]): DuplicateMatch | null {
    for (const key of keys) {
      const slot = this.slotOf.get(key);
      if (slot !== undefined) return { key, name: this.names[slot] ?? '', id: this.ids[slot] ?? null, row: (this.rows[slot] ?? 0) || null };
    }
    return null;
  }

  /** Remembers a row's keys (those not taken yet); returns its slot for `created`, or -1 if all were taken. */
  addRow(keys: readonly string[], row: number, name: string): number {
    if (keys.every((key) => this.slotOf.has(key))) return -1;
    const slot = this.addSlot(null, name, row);
    for (const key of keys) if (!this.slotOf.has(key)) this.slotOf.set(key, slot);
    return slot;
  }

  created(slot: number, id: string): void {
    if (slot >= 0) this.ids[slot] = id;
  }

  private addSlot(id: string | null, name: string, row: number): number {
    this.ids.push(id);
    this.names.push(name);
    this.rows.push(row);
    return this.ids.length - 1;
  }
}

export function keysOf(
  want: ReadonlySet<string>,
  v: { name?: unknown; code?: unknown; taxId?: unknown; phones?: readonly string[] | undefined },
): string[] {
  const keys: string[] = [];
  if (want.has('name') && typeof v.name === 'string' && v.name) keys.push(`name:${duplicateNameKey(v.name)}`);
  if (want.has('code') && typeof v.code === 'string' && v.code) keys.push(`code:${v.code.trim().toLowerCase()}`);
  if (want.has('taxId') && typeof v.taxId === 'string' && v.taxId) keys.push(`tax:${v.taxId.replace(/\s/g, '').toUpperCase()}`);
  if (want.has('mobile'))
    for (const p of v.phones ?? [])
      if (/^(?:\+?86)?1[3-9]\d{9}$/.test(p.replace(/[\s-]/g, ''))) keys.push(`mobile:${p.replace(/\D/g, '').slice(-11)}`);
  return keys;
}
