import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The shared public data set (UCI Online Retail), beside the project as ../shared/data. */
export const ONLINE_RETAIL = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'online-retail', 'online-retail.csv.gz');

export interface RetailLine {
  invoice: string;
  customer: string;
  date: string;
  stockCode: string;
  description: string;
  quantity: number;
  /** Unit price in pence, parsed from the text exactly. */
  pricePence: number;
}

/**
 * The rows the analysis uses, by the stated rules (the importer's): a customer id, a positive
 * quantity (which leaves out the "C…" cancellation lines) and a price ≥ 0 rounded to the penny
 * half up. Prices are parsed from text, never through floats.
 */
export function readRetailLines(): RetailLine[] {
  const records = parse<Record<string, string>>(gunzipSync(readFileSync(ONLINE_RETAIL)), { columns: true, skip_empty_lines: true });
  const lines: RetailLine[] = [];
  for (const r of records) {
    const customer = (r.CustomerID ?? '').replace(/\.0$/, '');
    const invoice = r.InvoiceNo ?? '';
    const quantity = Number(r.Quantity);
    const [pounds = '0', pence = ''] = (r.UnitPrice ?? '0').split('.');
    const pricePence = Number(pounds) * 100 + Number((pence + '00').slice(0, 2)) + (Number((pence + '000')[2] ?? '0') >= 5 ? 1 : 0);
    if (!customer || !(quantity > 0) || pricePence < 0 || (r.UnitPrice ?? '').startsWith('-')) continue;
    lines.push({
      invoice,
      customer,
      date: (r.InvoiceDate ?? '').slice(0, 10),
      stockCode: r.StockCode ?? '',
      description: r.Description ?? '',
      quantity,
      pricePence,
    });
  }
  return lines;
}

/** Orders of the retail set, one per invoice (lines in file order). */
export function retailOrders(lines: readonly RetailLine[]): { invoice: string; customer: string; date: string; lines: RetailLine[] }[] {
  const byInvoice = new Map<string, { invoice: string; customer: string; date: string; lines: RetailLine[] }>();
  for (const l of lines) {
    const order = byInvoice.get(l.invoice) ?? { invoice: l.invoice, customer: l.customer, date: l.date, lines: [] };
    order.lines.push(l);
    byInvoice.set(l.invoice, order);
  }
  return [...byInvoice.values()];
}
