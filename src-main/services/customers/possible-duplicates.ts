import { duplicateNameKey } from '../../../src-shared/import/convert-cells';
import { phoneDigits } from '../../../src-shared/validation/phone-form';
import { matchExpression } from '../../../src-shared/search/search-tokens';
import type { PossibleDuplicate } from '../../../src-shared/contract/methods';
import type { Workspace } from '../../db/workspace';
import { customerVisible } from '../../people/record-scope';

export interface DuplicateProbe {
  name?: string | undefined;
  phones?: readonly string[] | undefined;
  code?: string | undefined;
  /** Values of custom fields by column; a 统一社会信用代码 / 税号 field among them is compared. */
  custom?: Readonly<Record<string, unknown>> | undefined;
  /** The customer being edited, never its own duplicate. */
  excludeId?: string | undefined;
}

/** Candidates read from the search index per probe: enough to find equal names among similar ones. */
const CANDIDATES = 200;
const MAX_RESULTS = 5;
const TAX_LABELS = ['统一社会信用代码', '税号', '纳税人识别号'];

interface Row {
  id: string;
  name: string;
  code: string | null;
  phones: string;
}

/**
 * Customers a new one may duplicate, before it is saved: the same name once width, brackets,
 * spaces and case are folded (华为技术（深圳）有限公司 = 华为技术(深圳)有限公司), a phone with the same
 * digits, the same code or credit code. Names and phones are looked up through the quick-search
 * index, so the check costs a few index probes even at a million customers.
 */
export function possibleDuplicates(ws: Workspace, probe: DuplicateProbe): PossibleDuplicate[] {
  const found = new Map<string, PossibleDuplicate>();
  const add = (row: Pick<Row, 'id' | 'name' | 'code'>, matchedBy: PossibleDuplicate['matchedBy']) => {
    if (row.id === probe.excludeId || found.has(row.id) || found.size >= MAX_RESULTS) return;
    // Outside the caller's record scope: "exists, owned by someone else", without its data.
    found.set(
      row.id,
      customerVisible(ws, row.id)
        ? { id: row.id, name: row.name, code: row.code, matchedBy }
        : { id: '', name: '', code: null, matchedBy, elsewhere: true },
    );
  };
  const byIndex = ws.db.prepare(
    `SELECT c.id, c.name, c.code, c.phones FROM customer_search s JOIN customers c ON c.seq = s.rowid
     WHERE customer_search MATCH ? AND c.deleted = 0 LIMIT ${CANDIDATES}`,
  );

  const name = probe.name?.trim() ?? '';
  const nameExpr = name === '' ? null : matchExpression(name);
  if (nameExpr) {
    const key = duplicateNameKey(name);
    for (const row of byIndex.all(nameExpr) as Row[]) if (duplicateNameKey(row.name) === key) add(row, 'name');
  }

  for (const phone of probe.phones ?? []) {
    const digits = phoneDigits(phone);
    if (digits.length < 7) continue;
    const expr = matchExpression(digits);
    if (!expr) continue;
    for (const row of byIndex.all(expr) as Row[]) {
      const theirs = (JSON.parse(row.phones) as string[]).map(phoneDigits);
      if (theirs.includes(digits)) add(row, 'phone');
    }
  }

  const code = probe.code?.trim();
  if (code) {
    const row = ws.db.prepare('SELECT id, name, code FROM customers WHERE deleted = 0 AND code = ?').get(code) as Row | undefined;
    if (row) add(row, 'code');
  }

  for (const column of taxColumns(ws)) {
    const value = probe.custom?.[column];
    if (typeof value !== 'string' || value.trim() === '') continue;
    // The column name comes from custom_fields and is checked against the form a field's column has.
    const rows = ws.db
      .prepare(`SELECT id, name, code FROM customers WHERE deleted = 0 AND upper(${column}) = upper(?) LIMIT ${MAX_RESULTS}`)
      .all(value.trim()) as Row[];
    for (const row of rows) add(row, 'taxId');
  }
  return [...found.values()];
}

function taxColumns(ws: Workspace): string[] {
  const placeholders = TAX_LABELS.map(() => '?').join(', ');
  const columns = ws.db
    .prepare(`SELECT column_name FROM custom_fields WHERE entity = 'customer' AND deleted = 0 AND label IN (${placeholders})`)
    .pluck()
    .all(...TAX_LABELS) as string[];
  return columns.filter((c) => /^cf_[a-z0-9]+$/.test(c));
}
