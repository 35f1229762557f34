import type { CustomerValues } from '../../src-shared/domain/customer';
import { customerCreateInput } from '../../src-shared/domain/customer';
import type { contactCreateInput } from '../../src-shared/domain/organisation';
import { KecardError } from '../../src-shared/errors';
import { duplicateNameKey, problemValue } from '../../src-shared/import/convert-cells';
import type { DuplicateHit, ImportReport, ImportSettings } from '../../src-shared/import/import-settings';
import { pooledUuidV7 } from '../changelog/pooled-uuid';
import type { WriteTx } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { writeCustomValues } from '../services/custom-fields/custom-values';
import { CustomerTreeWriter } from '../services/customers/customer-bulk';
import { insertDepartment } from '../services/organisation/department-service';
import { sortKeyOf } from '../services/search/pinyin-keys';
import { reindexCustomer } from '../services/search/search-index';
import { readRow, updateRow } from '../services/shared/entity-writes';
import { REGION_FIELDS, type RegionField } from '../../src-shared/domain/region';
import { withCanonicalRegion } from '../services/regions/region-values';
import { comparePinyin } from '../services/search/pinyin-order';
import { ContactIndex } from './contact-index';
import { DuplicateIndex } from './duplicate-index';
import type { PreparedRow } from './prepare-rows';

type ContactValues = ReturnType<typeof contactCreateInput.parse>;

const MAX_LISTED = 2000;

/**
 * The customer and contact import, one prepared row at a time: counts and lists problems, finds
 * duplicates (in the workspace and earlier in the file), applies the user's decision for each,
 * and, given a transaction, writes the row through the service layer. The same code checks (dry
 * run) and imports, so what the preview promised is what is written.
 */
export class CustomerImportPass {
  readonly written = { inserted: 0, updated: 0, skipped: 0 };
  private readonly duplicates: DuplicateIndex | null;
  private readonly contactLinks: ContactLinks | null;
  /** Contacts by (customer, mobile): contact sheets, and customer sheets that carry contacts. */
  private readonly contacts: ContactIndex;
  private readonly unknown = new Map<string, Set<string>>();
  /** `field\u0001value` → rows carrying it. */
  private readonly unmatchedRegions = new Map<string, number>();
  private trees: CustomerTreeWriter | null = null;
  /** All or nothing stops writing at the first bad row but reads on, so the report is complete. */
  private writing = true;

  constructor(
    ws: Workspace,
    private readonly settings: ImportSettings,
    private readonly report: ImportReport,
    /** Leave the new customers' search documents to the backlog job (large imports). */
    private readonly deferSearch = false,
  ) {
    this.duplicates = settings.target === 'customers' ? new DuplicateIndex(ws, settings.duplicateKeys) : null;
    this.contactLinks = settings.target === 'contacts' ? new ContactLinks(ws) : null;
    this.contacts = new ContactIndex(ws);
  }

  visit(row: PreparedRow, tx: WriteTx | null): void {
    const { report } = this;
    report.total += 1;
    for (const [field, value] of row.unknown) (this.unknown.get(field) ?? this.unknown.set(field, new Set()).get(field))?.add(value);
    for (const [field, value] of row.unmatchedRegions) {
      const key = `${field}\u0001${value}`;
      this.unmatchedRegions.set(key, (this.unmatchedRegions.get(key) ?? 0) + 1);
    }
    const customerId = this.contactLinks && row.parsed ? this.contactLinks.customerOf(row) : null;
    if (this.contactLinks && row.parsed && !customerId) {
      row.problems.push({ row: row.row, field: 'customer', code: 'notFound', value: row.link?.customerCode ?? row.link?.customer ?? '' });
    }
    if (row.problems.length > 0 || row.unknown.length > 0 || !row.parsed) {
      this.invalid(row);
      return;
    }
    report.valid += 1;
    for (const f of row.flags) if (report.flags.length < MAX_LISTED) report.flags.push(f);
    if (row.preview && report.preview.length < 20) report.preview.push(row.preview);
    const write = tx !== null && this.writing;

    const action = this.settings.rowActions[String(row.row)] ?? this.settings.duplicateAction;
    if (this.contactLinks) {
      const contact = row.parsed as ContactValues;
      const match = this.contacts.find(customerId as string, contact);
      if (match)
        pushListed(report.duplicates, {
          row: row.row,
          name: contact.name,
          matchRow: match.row,
          matchId: match.row === null ? match.id : null,
          matchName: match.name,
          key: contact.mobile ? `mobile:${contact.mobile}` : 'name',
        });
      if (!write) {
        this.contacts.remember(customerId as string, contact, row.row, null);
        return;
      }
      const departmentId = this.contactLinks.departmentOf(tx, row, customerId as string);
      this.written[this.contacts.write(tx, customerId as string, { ...contact, customerId: customerId as string, departmentId }, row.row, action)] +=
        1;
      return;
    }

    const index = this.duplicates as DuplicateIndex;
    const match = index.find(row.keys);
    if (match)
      pushListed(report.duplicates, {
        row: row.row,
        name: row.name,
        matchRow: match.row,
        matchId: match.row === null ? match.id : null,
        matchName: match.name,
        key: match.key,
      });
    const slot = index.addRow(row.keys, row.row, row.name);
    if (!write) return;
    if (match?.id && action !== 'create') {
      if (action === 'skip') this.written.skipped += 1;
      else {
        updateExisting(tx, match.id, row, action === 'updateEmpty');
        this.written.updated += 1;
      }
      // The row's contact belongs to the customer it names, whatever is decided for the customer's fields.
      if (row.contact) this.contacts.write(tx, match.id, { ...row.contact, customerId: match.id }, row.row, action);
      return;
    }
    const id = this.createCustomer(tx, row);
    if (id) index.created(slot, id);
    if (id && row.contact) this.contacts.write(tx, id, { ...row.contact, customerId: id }, row.row, action);
  }

  /** After the last row, inside the import's transaction. */
  finishWrites(): void {
    this.trees?.finishSearchBacklog();
  }

  /** The report as it stands; unknown option values are listed once each. */
  finish(): ImportReport {
    for (const [field, values] of this.unknown) this.report.unknownOptions[field] = [...values].slice(0, 200);
    if (this.settings.target === 'customers') {
      this.report.unmatchedRegions = [...this.unmatchedRegions]
        .map(([key, count]) => {
          const [field, value] = key.split('\u0001') as [RegionField, string];
          return { field, value, count };
        })
        .sort((a, b) => b.count - a.count || REGION_FIELDS.indexOf(a.field) - REGION_FIELDS.indexOf(b.field) || comparePinyin(a.value, b.value))
        .slice(0, MAX_LISTED);
    }
    return this.report;
  }

  private invalid(row: PreparedRow): void {
    const { report } = this;
    report.invalid += 1;
    this.written.skipped += 1;
    if (this.settings.mode === 'allOrNothing') this.writing = false;
    for (const p of row.problems) if (report.problems.length < MAX_LISTED) report.problems.push(p);
    for (const [field, value] of row.unknown)
      if (report.problems.length < MAX_LISTED) report.problems.push({ row: row.row, field, code: 'unknownOption', value });
  }

  private createCustomer(tx: WriteTx, row: PreparedRow): string | null {
    this.trees ??= new CustomerTreeWriter(tx, { deferSearch: this.deferSearch });
    const id = pooledUuidV7();
    try {
      // The tree writer checks the code and the owner before it writes anything, so a refusal
      // leaves nothing of the row behind.
      this.trees.insert({
        id,
        customer: row.parsed as CustomerValues,
        departments: [],
        contacts: [],
        sortKey: row.sortKey ?? sortKeyOf(row.name),
        searchDoc: row.searchDoc ?? '',
      });
    } catch (err) {
      if (!(err instanceof KecardError) || err.code !== 'VALIDATION') throw err;
      const fields = (err.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
      for (const [field, code] of Object.entries(fields)) row.problems.push({ row: row.row, field, code, value: problemValue(row.values[field]) });
      this.report.valid -= 1;
      this.invalid(row);
      return null;
    }
    if (Object.keys(row.custom).length > 0) writeCustomValues(tx, 'customer', id, id, row.custom, { creating: true });
    this.written.inserted += 1;
    return id;
  }
}

function pushListed(list: DuplicateHit[], hit: DuplicateHit): void {
  if (list.length < MAX_LISTED) list.push(hit);
}

/** Overwrite replaces the mapped fields; updateEmpty only fills fields that are empty now. */
function updateExisting(tx: WriteTx, id: string, row: PreparedRow, onlyEmpty: boolean): void {
  const before = readRow(tx, 'customer', id);
  if (!before) return;
  const { __taxId: _tax, contactName: _n, contactMobile: _m, contactTitle: _t, ...incoming } = row.values;
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(incoming)) {
    const current = before[field];
    const empty = current === null || current === undefined || current === '' || current === '[]';
    if (!onlyEmpty || empty) patch[field] = value;
  }
  const parsed = withCanonicalRegion(customerCreateInput.partial().parse(patch), before);
  const extra = parsed.name ? { sortKey: sortKeyOf(parsed.name) } : {};
  updateRow(tx, 'customer', id, before, parsed, extra);
  if (Object.keys(row.custom).length > 0) writeCustomValues(tx, 'customer', id, id, row.custom, { creating: false });
  reindexCustomer(tx.ws, id);
}

/** Contacts link to their customer by code first, then by (normalised) name; departments are found or created. */
class ContactLinks {
  private readonly byCode = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly departments = new Map<string, string>();

  constructor(ws: Workspace) {
    for (const r of ws.db.prepare('SELECT id, name, code FROM customers WHERE deleted = 0').iterate() as IterableIterator<{
      id: string;
      name: string;
      code: string | null;
    }>) {
      if (r.code) this.byCode.set(r.code.trim().toLowerCase(), r.id);
      const key = duplicateNameKey(r.name);
      if (!this.byName.has(key)) this.byName.set(key, r.id);
    }
    for (const d of ws.db.prepare('SELECT id, customer_id, name FROM departments WHERE deleted = 0').iterate() as IterableIterator<{
      id: string;
      customer_id: string;
      name: string;
    }>) {
      this.departments.set(`${d.customer_id}\u0000${duplicateNameKey(d.name)}`, d.id);
    }
  }

  customerOf(row: PreparedRow): string | null {
    const link = row.link;
    if (!link) return null;
    return (
      (link.customerCode ? this.byCode.get(link.customerCode.trim().toLowerCase()) : undefined) ??
      (link.customer ? this.byName.get(duplicateNameKey(link.customer)) : undefined) ??
      null
    );
  }

  /** The row's department under the customer, found or created; null when the row names none. */
  departmentOf(tx: WriteTx, row: PreparedRow, customerId: string): string | null {
    let departmentId: string | null = null;
    const department = row.link?.department;
    if (department) {
      // Matched like names (销售部 and 销售部 are one department), stored as written.
      const key = `${customerId}\u0000${duplicateNameKey(department)}`;
      departmentId = this.departments.get(key) ?? null;
      if (!departmentId) {
        departmentId = insertDepartment(tx, customerId, null, department);
        this.departments.set(key, departmentId);
      }
    }
    return departmentId;
  }
}
