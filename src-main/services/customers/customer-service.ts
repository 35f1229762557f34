import { v7 as uuidv7 } from 'uuid';
import { customerCreateInput, customerPatch, type Customer, type CustomerValues } from '../../../src-shared/domain/customer';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteOptions, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { sortKeyOf } from '../search/pinyin-keys';
import { reindexCustomer } from '../search/search-index';
import { readCustomValues, writeCustomValues } from '../custom-fields/custom-values';
import { holdConflicts } from '../shared/save-conflicts';
import type { FieldConflict } from '../../../src-shared/domain/save-conflict';
import { insertRow, readRow, setDeleted, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';
import { withCanonicalRegion } from '../regions/region-values';
import { checkStoreCode, defaultStoreCode } from '../../sync/scope/store-codes';
import { getCustomer } from './customer-queries';

export function createCustomer(ws: Workspace, ctx: CallContext, input: unknown, options: WriteOptions = {}): Customer {
  const values = withCanonicalRegion(validate(customerCreateInput, input));
  const id = runWrite(ws, ctx, (tx) => insertCustomer(tx, values), options);
  return getCustomer(ws, id);
}

/** Inserts one validated customer inside a running write; used by create, demo data and import. */
export function insertCustomer(tx: WriteTx, values: CustomerValues, id: string = uuidv7()): string {
  const { custom, ...given } = values;
  const builtIn = { ...given, storeCode: given.storeCode ?? defaultStoreCode(tx.ws.db) };
  checkCustomerRefs(tx, builtIn, null);
  insertRow(tx, 'customer', id, id, builtIn, { sortKey: sortKeyOf(builtIn.name) });
  writeCustomValues(tx, 'customer', id, id, custom ?? {}, { creating: true });
  reindexCustomer(tx.ws, id);
  return id;
}

/**
 * `baseVersion` (the card's version when read): fields someone else changed since are held back
 * and answered in `conflicts`; the rest save (save-conflicts.ts).
 */
export function updateCustomer(
  ws: Workspace,
  ctx: CallContext,
  id: string,
  patch: unknown,
  options: WriteOptions = {},
  baseVersion?: number,
): Customer & { conflicts: FieldConflict[] } {
  const values = validate(customerPatch, patch);
  const conflicts = runWrite(
    ws,
    ctx,
    (tx) => {
      const before = liveRow(tx, id);
      const canonical = withCanonicalRegion(values, before);
      const { custom: givenCustom, ...givenBuiltIn } = canonical;
      const currentCustom = givenCustom ? (readCustomValues(tx.ws, 'customer', [id]).get(id) ?? {}) : {};
      const held = holdConflicts(tx, id, before, currentCustom, { builtIn: givenBuiltIn, custom: givenCustom }, baseVersion);
      const { builtIn, custom } = held;
      checkCustomerRefs(tx, builtIn, id);
      const extra = builtIn.name !== undefined ? { sortKey: sortKeyOf(builtIn.name) } : {};
      const changed = updateRow(tx, 'customer', id, before, builtIn, extra);
      if (custom) changed.push(...writeCustomValues(tx, 'customer', id, id, custom, { creating: false }));
      if (changed.some((f) => SEARCHED_FIELDS.has(f))) reindexCustomer(tx.ws, id);
      return held.conflicts;
    },
    options,
  );
  return { ...getCustomer(ws, id), conflicts };
}

export function deleteCustomer(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    liveRow(tx, id);
    setDeleted(tx, 'customer', id, id, true);
    reindexCustomer(tx.ws, id);
  });
}

const SEARCHED_FIELDS = new Set(['name', 'shortName', 'code', 'phones', 'email']);

function liveRow(tx: WriteTx, id: string): Record<string, unknown> {
  const row = readRow(tx, 'customer', id);
  if (!row || row.deleted === 1) throw new KecardError('NOT_FOUND', 'Customer not found.', { id });
  return row;
}

/** Rules that need the database: a unique code among live customers, an existing owner. */
function checkCustomerRefs(tx: WriteTx, values: Partial<CustomerValues>, selfId: string | null): void {
  if (values.code) {
    const clash = tx.ws.db.prepare('SELECT id FROM customers WHERE code = ? AND deleted = 0 AND id IS NOT ?').get(values.code, selfId) as
      { id: string } | undefined;
    if (clash) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { code: 'duplicateCode' }, clashId: clash.id });
  }
  if (values.storeCode !== undefined) checkStoreCode(tx.ws.db, values.storeCode);
  if (values.ownerId) {
    const owner = tx.ws.db.prepare('SELECT 1 FROM employees WHERE id = ? AND deleted = 0').get(values.ownerId);
    if (!owner) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { ownerId: 'invalid' } });
  }
}
