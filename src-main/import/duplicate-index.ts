import { duplicateNameKey } from '../../src-shared/import/convert-cells';
import type { Workspace } from '../db/workspace';
import type { ImportSettings } from '../../src-shared/import/import-settings';

interface Existing {
  id: string;
  name: string;
}

/**
 * Keys of the customers already in the workspace, read once per import. Names are compared after
 * folding full-width characters, spaces and case, so "华为技术 有限公司" meets "华为技术有限公司".
 */
export class DuplicateIndex {
  private readonly byKey = new Map<string, Existing>();

  constructor(ws: Workspace, keys: ImportSettings['duplicateKeys']) {
    const want = new Set(keys);
    const taxColumn = want.has('taxId')
      ? ((ws.db.prepare("SELECT column_name FROM custom_fields WHERE entity = 'customer' AND deleted = 0 AND label IN ('税号', '纳税人识别号', '统一社会信用代码')").pluck().get() as string | undefined) ?? null)
      : null;
    const cols = ['id', 'name', 'code', 'phones', ...(taxColumn && /^cf_[a-z0-9]+$/.test(taxColumn) ? [taxColumn] : [])];
    const rows = ws.db.prepare(`SELECT ${cols.join(', ')} FROM customers WHERE deleted = 0`).iterate() as IterableIterator<Record<string, string | null>>;
    for (const r of rows) {
      const entry = { id: r.id as string, name: r.name as string };
      for (const key of keysOf(want, { name: r.name, code: r.code, taxId: taxColumn ? r[taxColumn] : null, phones: JSON.parse(r.phones ?? '[]') as string[] })) {
        if (!this.byKey.has(key)) this.byKey.set(key, entry);
      }
    }
  }

  find(keys: string[]): { existing: Existing; key: string } | null {
    for (const key of keys) {
      const existing = this.byKey.get(key);
      if (existing) return { existing, key };
    }
    return null;
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
  if (want.has('mobile')) for (const p of v.phones ?? []) if (/^(?:\+?86)?1[3-9]\d{9}$/.test(p.replace(/[\s-]/g, ''))) keys.push(`mobile:${p.replace(/\D/g, '').slice(-11)}`);
  return keys;
}
