import { HEADER_SYNONYMS, normaliseHeader, type ImportTarget } from './header-synonyms';

// What can be told from the mapping alone, before a row is read: the columns a target cannot do
// without, and mappings that are allowed but most likely wrong. The wizard, main and the CLI use
// the same rules.

/** Each entry is a set of alternatives: one of them must be mapped. */
export const REQUIRED_FIELDS: Record<ImportTarget, readonly (readonly string[])[]> = {
  customers: [['name']],
  contacts: [['name'], ['customer', 'customerCode']],
  orders: [['orderNo'], ['orderDate'], ['customer', 'customerCode'], ['quantity'], ['unitPrice', 'amount']],
  products: [['name']],
  receipts: [['receiptDate'], ['amount'], ['customer', 'customerCode', 'orderNo']],
  records: [['customer', 'customerCode']],
};

/** The required fields (as sets of alternatives) no column is mapped to. */
export function missingFields(target: ImportTarget, mapping: Record<string, string | null>): string[][] {
  const mapped = new Set(Object.values(mapping));
  return REQUIRED_FIELDS[target].filter((alternatives) => !alternatives.some((f) => mapped.has(f))).map((a) => [...a]);
}

/** A field's name as sheets usually head it (the first synonym: 数量, 单价, 金额 …), for messages without a UI language. */
export function fieldHeading(target: ImportTarget, field: string): string {
  return HEADER_SYNONYMS[target][field]?.[0] ?? field;
}

export interface MappingWarning {
  /** The column (0-based, as text) and its header. */
  column: string;
  header: string;
  field: string;
  /** `amountAsPrice`: a column headed like a line amount or total is mapped to the unit price. */
  code: 'amountAsPrice';
}

// Headers of line amounts and totals: mapped to 单价, revenue is multiplied by the quantity.
const AMOUNT_LIKE = /金额|合计|总价|总额|小计|amount|total|subtotal|sum/;

/** Mappings that pass the check but most likely give wrong numbers. */
export function mappingWarnings(target: ImportTarget, headers: readonly string[], mapping: Record<string, string | null>): MappingWarning[] {
  if (target !== 'orders') return [];
  const warnings: MappingWarning[] = [];
  for (const [column, field] of Object.entries(mapping)) {
    const header = headers[Number(column)] ?? '';
    if (field === 'unitPrice' && AMOUNT_LIKE.test(normaliseHeader(header))) warnings.push({ column, header, field, code: 'amountAsPrice' });
  }
  return warnings;
}
