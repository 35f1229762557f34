import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CODED_CUSTOMER_FIELDS, SalesFacts, type DictionaryName, type FactColumns } from './sales-facts';

/**
 * The sales facts saved beside the app's data (never in the workspace: they are derived and
 * machine-local), so opening a large workspace again reads a few hundred MB in one go instead of
 * scanning every order through the index (54 s at 10M orders here). A file that does not fit —
 * another workspace, another format, cut short — is ignored and the facts are read afresh; one
 * that fits still goes through the usual refresh from its change-log cursor.
 */

const MAGIC = 'KCFACTS1';
// 2: orders carry their state (order-state.ts) for the query builder; 3: customers their seq;
// 4: city, industry, lifecycle and tags coded (the query worker's customer conditions); 5: 门店.
const FORMAT = 5;

type ColumnName = keyof FactColumns;
const KINDS: Record<ColumnName, 'u8' | 'i32' | 'f64'> = {
  customerDeleted: 'u8',
  customerClass: 'i32',
  customerProvince: 'i32',
  customerOwner: 'i32',
  customerCity: 'i32',
  customerIndustry: 'i32',
  customerLifecycle: 'i32',
  customerTags: 'i32',
  customerStore: 'i32',
  customerLevel: 'f64',
  customerHead: 'i32',
  customerSeq: 'f64',
  orderRowid: 'f64',
  orderCustomer: 'i32',
  orderDay: 'i32',
  orderTotal: 'f64',
  orderLive: 'u8',
  orderState: 'u8',
  orderNext: 'i32',
};
const NAMES = Object.keys(KINDS) as ColumnName[];
const BYTES = { u8: 1, i32: 4, f64: 8 };

interface Header {
  format: number;
  workspaceId: string;
  customers: number;
  orders: number;
  maxOrderRowid: number;
  cursor: { position: number; positionId: string | null };
  dictionaries: Record<DictionaryName, (string | null)[]>;
  idsBytes: number;
}

/** Writes the facts (to a temporary name first: a reader never sees half a file). */
export function saveFacts(facts: SalesFacts, file: string, workspaceId: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const ids = Buffer.from(facts.customerIds.join('\n'), 'utf8');
  const header: Header = {
    format: FORMAT,
    workspaceId,
    customers: facts.customerCount,
    orders: facts.orderCount,
    maxOrderRowid: facts.maxOrderRowid,
    cursor: facts.cursor.state,
    dictionaries: Object.fromEntries(CODED_CUSTOMER_FIELDS.map((f) => [f.dictionary, facts[f.dictionary].values])) as Header['dictionaries'],
    idsBytes: ids.length,
  };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(12);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(head.length, 8);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const part of [prefix, head, ids]) writeSync(fd, part);
    const columns = facts.columns();
    for (const name of NAMES) {
      const c = columns[name];
      writeSync(fd, new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The facts of the file, or null when it is missing or does not belong to this workspace. */
export function loadFacts(file: string, workspaceId: string): SalesFacts | null {
  if (!existsSync(file)) return null;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const read = (offset: number, length: number): Buffer | null => {
      if (offset + length > size) return null;
      const b = Buffer.allocUnsafe(length);
      return readSync(fd, b, 0, length, offset) === length ? b : null;
    };
    const prefix = read(0, 12);
    if (!prefix || prefix.toString('latin1', 0, 8) !== MAGIC) return null;
    const headBytes = read(12, prefix.readUInt32LE(8));
    if (!headBytes) return null;
    const header = JSON.parse(headBytes.toString('utf8')) as Header;
    if (header.format !== FORMAT || header.workspaceId !== workspaceId) return null;
    let offset = 12 + headBytes.length;
    const ids = read(offset, header.idsBytes);
    if (!ids) return null;
    offset += header.idsBytes;
    const columns: Partial<Record<ColumnName, Uint8Array | Int32Array | Float64Array>> = {};
    for (const name of NAMES) {
      const kind = KINDS[name];
      const length = name.startsWith('customer') ? header.customers : header.orders;
      const bytes = read(offset, length * BYTES[kind]);
      if (!bytes) return null;
      offset += bytes.length;
      // Copied into fresh arrays: aligned for their type, not tied to the read buffer, and with
      // room to grow — the first order appended to a full 10M column would otherwise copy every
      // order column (~0.7 s and twice the memory, while the sidebar counts wait).
      const capacity = length + (length >> 5) + 16;
      const out = kind === 'u8' ? new Uint8Array(capacity) : kind === 'i32' ? new Int32Array(capacity) : new Float64Array(capacity);
      new Uint8Array(out.buffer).set(bytes);
      if (name === 'customerHead') out.fill(-1, length);
      columns[name] = out;
    }
    if (offset !== size) return null;
    const idList = header.customers === 0 ? [] : ids.toString('utf8').split('\n');
    if (idList.length !== header.customers) return null;
    const facts = new SalesFacts();
    facts.adopt({
      ids: idList,
      orders: header.orders,
      columns: columns as FactColumns,
      dictionaries: header.dictionaries,
      maxOrderRowid: header.maxOrderRowid,
      cursor: header.cursor,
    });
    return facts;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
