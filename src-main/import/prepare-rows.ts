import type { RegionField } from '../../src-shared/domain/region';
import type { CustomerValues } from '../../src-shared/domain/customer';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import type { contactCreateInput } from '../../src-shared/domain/organisation';
import type { ImportSettings, RowProblem } from '../../src-shared/import/import-settings';
import { namePinyin, sortKeyOf } from '../services/search/pinyin-keys';
import { searchDocument } from '../services/search/search-index';
import { convertRow } from './convert-row';
import { keysOf } from './duplicate-index';
import { openSource } from './read-rows';
import { isTotalRow } from './total-rows';

// Everything an import does to a row that needs no database: reading the file, converting cells,
// the schema parse, duplicate keys, the pinyin sort key and the search document. It is most of
// an import's work, so a large file runs it on a second thread (producer-thread.ts) while the
// import thread writes; the result is the same either way.

export interface PrepareContext {
  path: string;
  settings: ImportSettings;
  headerRow: number;
  mapping: Record<string, string | null>;
  customFields: CustomField[];
  /** Staff names → ids, for the owner column. */
  staff: [string, string][];
  /** 门店 as a sheet may write them (code, name, "code name"; lower case) → code; empty on its own. */
  stores?: [string, string][];
  /** False when the import leaves search documents to the backlog job (large files). */
  searchDocs?: boolean;
}

type ContactValues = ReturnType<typeof contactCreateInput.parse>;

export interface PreparedRow {
  row: number;
  problems: RowProblem[];
  flags: RowProblem[];
  unknown: [string, string][];
  /** Region values the division list does not know (field, value as written). */
  unmatchedRegions: [RegionField, string][];
  /** The mapped fields as converted: what "overwrite" and "update empty fields" apply. */
  values: Record<string, unknown>;
  /** The service input (defaults filled in) when the row is valid, else null. */
  parsed: CustomerValues | ContactValues | null;
  custom: Record<string, unknown>;
  link: { customer: string | null; customerCode: string | null; department: string | null } | null;
  /** Customers: the contact the row carries, or null. */
  contact: Omit<ContactValues, 'customerId'> | null;
  /** Customers: the duplicate keys chosen in the settings. */
  keys: string[];
  name: string;
  sortKey: string | null;
  searchDoc: string | null;
  /** Set on the first valid rows only: the row as the preview shows it. */
  preview: Record<string, unknown> | null;
}

export interface PreparedBatch {
  rows: PreparedRow[];
  /** Row numbers of 合计 rows met in this batch, skipped. */
  totals: number[];
  /** Bytes of the file read so far, for progress. */
  bytesRead: number;
}

const BATCH_ROWS = 500;
const PREVIEW_ROWS = 20;

export async function* prepareBatches(ctx: PrepareContext): AsyncGenerator<PreparedBatch> {
  const { settings, mapping, customFields } = ctx;
  const staff = new Map(ctx.staff);
  const stores = new Map(ctx.stores ?? []);
  const wanted = new Set(settings.duplicateKeys);
  const customers = settings.target === 'customers';
  let rowNumber = 0;
  let read = 0;
  let previews = 0;
  let rows: PreparedRow[] = [];
  let totals: number[] = [];
  for await (const cells of openSource(ctx.path, settings.read).rows((b) => (read = b))) {
    rowNumber += 1;
    if (rowNumber <= ctx.headerRow) continue;
    if (cells.every((c) => c === null || c === '')) continue;
    if (isTotalRow(cells)) {
      totals.push(rowNumber);
      continue;
    }
    const c = convertRow(cells, rowNumber, settings, mapping, customFields, staff, stores);
    const valid = c.problems.length === 0 && c.unknown.length === 0 && c.parsed !== undefined;
    const name = typeof c.values.name === 'string' ? c.values.name : '';
    const prepared: PreparedRow = {
      row: rowNumber,
      problems: c.problems,
      flags: c.flags,
      unknown: c.unknown,
      unmatchedRegions: c.unmatchedRegions,
      values: c.values,
      parsed: valid ? (c.parsed ?? null) : null,
      custom: c.custom,
      link: c.link ?? null,
      contact: c.contact ?? null,
      keys: [],
      name,
      sortKey: null,
      searchDoc: null,
      preview: null,
    };
    if (valid) {
      if (previews < PREVIEW_ROWS) {
        previews += 1;
        prepared.preview = { row: rowNumber, ...c.values, ...(c.link ?? {}), custom: c.custom };
        if (c.contact)
          Object.assign(prepared.preview, { contactName: c.contact.name, contactMobile: c.contact.mobile, contactTitle: c.contact.title });
      }
      if (customers) {
        const customer = c.parsed as CustomerValues;
        prepared.keys = keysOf(wanted, {
          name: c.values.name,
          code: c.values.code,
          taxId: c.values.__taxId,
          phones: c.values.phones as string[] | undefined,
        });
        // One conversion for the sort key and the pinyin in the search document (which reuses it);
        // without a document only the sort key, and nothing cached: a large file's names are
        // nearly all different, and a full cache churning through them was old-generation garbage.
        prepared.sortKey = ctx.searchDocs === false ? sortKeyOf(customer.name) : namePinyin(customer.name).sortKey;
        if (ctx.searchDocs !== false)
          prepared.searchDoc = searchDocument(
            {
              name: customer.name,
              short_name: customer.shortName,
              code: customer.code,
              phones: JSON.stringify(customer.phones),
              email: customer.email,
            },
            [],
          );
      }
    }
    rows.push(prepared);
    if (rows.length >= BATCH_ROWS) {
      yield { rows, totals, bytesRead: read };
      rows = [];
      totals = [];
    }
  }
  if (rows.length > 0 || totals.length > 0) yield { rows, totals, bytesRead: read };
}
