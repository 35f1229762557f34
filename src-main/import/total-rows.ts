import type { Cell } from './read-rows';

// Exported spreadsheets end with a 合计 row: the name column says 合计 and the amount columns hold
// the sums. Read as data it is a customer named 合计 or an order line worth the whole file, so
// every importer skips it and the check step says so ("已跳过合计行").

const TOTAL_WORDS = /^(?:合计|总计|小计|总合计|共计|累计|合计金额|total|subtotal|grandtotal|sum)[:：]?$/i;

/** A row whose first filled cell says 合计 / 总计 / 小计 (or Total), with or without a colon or spaces. */
export function isTotalRow(cells: readonly Cell[]): boolean {
  // A sheet row can be sparse (missing cells are undefined), so look for the first real value.
  let first: Cell | undefined;
  for (let i = 0; i < cells.length && first === undefined; i += 1) {
    const c = cells[i];
    if (c !== null && c !== undefined && !(typeof c === 'string' && c.trim() === '')) first = c;
  }
  if (typeof first !== 'string') return false;
  return TOTAL_WORDS.test(first.normalize('NFKC').replace(/\s/g, ''));
}
