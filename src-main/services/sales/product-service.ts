import { v7 as uuidv7 } from 'uuid';
import { product, productInput, productPatch, type Product } from '../../../src-shared/domain/sales';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { insertRow, readRow, setDeleted, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';

const COLUMNS = 'id, code, name, category, unit, price_fen AS priceFen, cost_fen AS costFen, notes';

export function listProducts(ws: Workspace, q = '', limit = 200): Product[] {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return ws.db
    .prepare(`SELECT ${COLUMNS} FROM products WHERE deleted = 0 AND (name LIKE ? ESCAPE '\\' OR code LIKE ? ESCAPE '\\') ORDER BY name LIMIT ?`)
    .all(like, like, limit) as Product[];
}

export function getProduct(ws: Workspace, id: string): Product {
  const row = ws.db.prepare(`SELECT ${COLUMNS} FROM products WHERE id = ? AND deleted = 0`).get(id);
  if (!row) throw new KecardError('NOT_FOUND', 'Product not found.', { id });
  return product.parse(row);
}

export function createProduct(ws: Workspace, ctx: CallContext, input: unknown): Product {
  const values = validate(productInput, input);
  const id = runWrite(ws, ctx, (tx) => insertProduct(tx, values));
  return getProduct(ws, id);
}

export function insertProduct(tx: WriteTx, values: ReturnType<typeof productInput.parse>, id: string = uuidv7()): string {
  if (values.code) uniqueCode(tx, values.code, null);
  insertRow(tx, 'product', null, id, values);
  return id;
}

export function updateProduct(ws: Workspace, ctx: CallContext, id: string, patch: unknown): Product {
  const values = validate(productPatch, patch);
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'product', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Product not found.', { id });
    if (values.code) uniqueCode(tx, values.code, id);
    updateRow(tx, 'product', null, before, values);
  });
  return getProduct(ws, id);
}

export function deleteProduct(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'product', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Product not found.', { id });
    setDeleted(tx, 'product', null, id, true);
  });
}

function uniqueCode(tx: WriteTx, code: string, selfId: string | null): void {
  const clash = tx.ws.db.prepare('SELECT 1 FROM products WHERE code = ? AND deleted = 0 AND id IS NOT ?').get(code, selfId);
  if (clash) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { code: 'duplicateCode' } });
}
