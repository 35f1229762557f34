import type Database from 'better-sqlite3-multiple-ciphers';
import type { CustomerValues } from '../../../src-shared/domain/customer';
import type { contactCreateInput } from '../../../src-shared/domain/organisation';
import { checkStoreCode, defaultStoreCode } from '../../sync/scope/store-codes';
import { KecardError } from '../../../src-shared/errors';
import type { WriteTx } from '../../changelog/write-tx';
import { sortKeyOf } from '../search/pinyin-keys';
import { searchDocument } from '../search/search-index';
import { closeSearchBacklog, openSearchBacklog } from '../search/search-backlog';
import { BulkRowWriter } from '../shared/bulk-rows';

type ContactValues = ReturnType<typeof contactCreateInput.parse>;

/** A new customer with its organisation, every part already validated by the domain schemas. */
export interface CustomerTree {
  id: string;
  customer: CustomerValues;
  /** Parents come before their children; `parentId` is null or the id of an earlier department. */
  departments: readonly { id: string; parentId: string | null; name: string }[];
  /** `values.customerId` is the tree's id; `values.departmentId` is null or one of its departments. */
  contacts: readonly { id: string; values: ContactValues }[];
}

/** A tree with its derived data (pinyin sort key, search document) computed. */
export interface PreparedCustomerTree extends CustomerTree {
  sortKey: string;
  searchDoc: string;
}

/**
 * The pure half of a bulk insert: derives the sort key and the search document from the values
 * alone. It touches no database, so a bulk job may run it on another thread while this one writes.
 */
export function prepareCustomerTree(tree: CustomerTree): PreparedCustomerTree {
  const { customer } = tree;
  const searchDoc = searchDocument(
    { name: customer.name, short_name: customer.shortName, code: customer.code, phones: JSON.stringify(customer.phones), email: customer.email },
    tree.contacts.map((c) => c.values),
  );
  return { ...tree, sortKey: sortKeyOf(customer.name), searchDoc };
}

/**
 * Bulk counterpart of insertCustomer + insertDepartment + insertContact for demo data and import:
 * the same rows, the same change-log entries and the same checks, inside the caller's write. It
 * is faster because it knows the whole tree up front: departments and contacts are checked
 * against the tree in memory instead of re-read, sort orders are counted in memory, statements
 * are prepared once, and the search document is built once, after the contacts exist, from the
 * values in hand (see prepareCustomerTree).
 */
export class CustomerTreeWriter {
  private readonly rows: BulkRowWriter;
  private readonly codeClash: Database.Statement;
  private readonly ownerExists: Database.Statement;
  private readonly indexDoc: Database.Statement;
  private readonly knownOwners = new Set<string>();
  private readonly deferSearch: boolean;
  private readonly defaultStore: string | null;
  /** 门店 codes found valid in this write (a whole import has a handful). */
  private readonly checkedStores = new Set<string | null>();
  private backlogOpen = false;
  private lastSeq: number | null = null;

  /**
   * `deferSearch`: write no search documents; the customers go to the search backlog instead
   * (search-backlog.ts). Call `finishSearchBacklog` after the last insert, in the same write.
   */
  constructor(
    private readonly tx: WriteTx,
    options: { deferSearch?: boolean } = {},
  ) {
    this.deferSearch = options.deferSearch ?? false;
    this.rows = new BulkRowWriter(tx);
    const db = tx.ws.db;
    this.codeClash = db.prepare('SELECT id FROM customers WHERE code = ? AND deleted = 0');
    this.ownerExists = db.prepare('SELECT 1 FROM employees WHERE id = ? AND deleted = 0');
    this.indexDoc = db.prepare('INSERT INTO customer_search (rowid, doc) VALUES (?, ?)');
    this.defaultStore = defaultStoreCode(db);
  }

  insert(tree: PreparedCustomerTree): string {
    const { id } = tree;
    const customer = { ...tree.customer, storeCode: tree.customer.storeCode ?? this.defaultStore };
    this.checkRefs(customer);
    const seq = this.rows.insert('customer', id, id, customer, { sortKey: tree.sortKey });

    const departmentIds = new Set<string>();
    const siblings = new Map<string | null, number>();
    for (const d of tree.departments) {
      if (d.parentId !== null && !departmentIds.has(d.parentId)) {
        throw new KecardError('VALIDATION', 'The department belongs to another customer.', { fields: { parentId: 'invalid' } });
      }
      // Same order as insertDepartment gives: the number of live siblings before it.
      const sortOrder = siblings.get(d.parentId) ?? 0;
      siblings.set(d.parentId, sortOrder + 1);
      this.rows.insert('department', id, d.id, { customerId: id, parentId: d.parentId, name: d.name, sortOrder });
      departmentIds.add(d.id);
    }

    for (const c of tree.contacts) {
      if (c.values.customerId !== id)
        throw new KecardError('VALIDATION', 'The contact belongs to another customer.', { fields: { customerId: 'invalid' } });
      if (c.values.departmentId && !departmentIds.has(c.values.departmentId)) {
        throw new KecardError('VALIDATION', 'The department belongs to another customer.', { fields: { departmentId: 'invalid' } });
      }
      this.rows.insert('contact', id, c.id, c.values);
    }

    if (this.deferSearch) {
      // Opened at the first customer, before anything could reindex it, so it is pending at once.
      if (!this.backlogOpen) openSearchBacklog(this.tx.ws, seq);
      this.backlogOpen = true;
      this.lastSeq = seq;
    } else {
      // A new seq is above every existing rowid (rows are only soft-deleted), so there is no old
      // document to remove first.
      this.indexDoc.run(seq, tree.searchDoc);
    }
    return id;
  }

  finishSearchBacklog(): void {
    if (this.backlogOpen) closeSearchBacklog(this.tx.ws, this.lastSeq);
    this.backlogOpen = false;
  }

  /** The database rules of insertCustomer: a unique code among live customers, an existing owner. */
  private checkRefs(values: CustomerValues): void {
    if (!this.checkedStores.has(values.storeCode)) {
      checkStoreCode(this.tx.ws.db, values.storeCode);
      this.checkedStores.add(values.storeCode);
    }
    if (values.code) {
      const clash = this.codeClash.get(values.code) as { id: string } | undefined;
      if (clash) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { code: 'duplicateCode' }, clashId: clash.id });
    }
    if (values.ownerId && !this.knownOwners.has(values.ownerId)) {
      if (!this.ownerExists.get(values.ownerId))
        throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { ownerId: 'invalid' } });
      this.knownOwners.add(values.ownerId);
    }
  }
}
