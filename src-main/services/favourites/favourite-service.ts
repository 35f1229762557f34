import { singletonId } from '../../changelog/singleton-ids';
import { scopeParams, scopeTest } from '../../people/record-scope';
import { v7 as uuidv7 } from 'uuid';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { insertRow, readRow, setDeleted, updateRow } from '../shared/entity-writes';

export type FavouriteEntity = 'customer' | 'contact';

export interface FavouriteFolder {
  id: string;
  name: string;
  entity: FavouriteEntity;
  itemCount: number;
}

// Items outside the caller's record scope are not counted (nor listed: a folder's items are read
// through the query compiler, which applies the scope).
function visibleItem(): string {
  return `(CASE f.entity WHEN 'customer' THEN ${scopeTest('i.item_id')}
    ELSE EXISTS (SELECT 1 FROM contacts ict WHERE ict.id = i.item_id AND ${scopeTest('ict.customer_id')}) END)`;
}

export function listFolders(ws: Workspace, entity?: FavouriteEntity): FavouriteFolder[] {
  return ws.db
    .prepare(
      `SELECT f.id, f.name, f.entity,
         (SELECT count(*) FROM favourite_items i WHERE i.folder_id = f.id AND i.deleted = 0 AND ${visibleItem()}) AS itemCount
       FROM favourite_folders f WHERE f.deleted = 0 AND (? IS NULL OR f.entity = ?) ORDER BY f.name`,
    )
    .all(entity ?? null, entity ?? null, scopeParams()) as FavouriteFolder[];
}

export function createFolder(ws: Workspace, ctx: CallContext, name: string, entity: FavouriteEntity): FavouriteFolder {
  const clash = ws.db.prepare('SELECT 1 FROM favourite_folders WHERE name = ? AND entity = ? AND deleted = 0').get(name, entity);
  if (clash) throw new KecardError('VALIDATION', 'A folder with this name exists.', { fields: { name: 'duplicateName' } });
  const id = uuidv7();
  runWrite(ws, ctx, (tx) => insertRow(tx, 'favouriteFolder', null, id, { name, entity, ownerUserId: ctx.userId }));
  return { id, name, entity, itemCount: 0 };
}

export function renameFolder(ws: Workspace, ctx: CallContext, id: string, name: string): void {
  runWrite(ws, ctx, (tx) => updateRow(tx, 'favouriteFolder', null, requireFolder(tx, id), { name }));
}

export function deleteFolder(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    requireFolder(tx, id);
    setDeleted(tx, 'favouriteFolder', null, id, true);
  });
}

/** Adds items to a folder (already present ones are left as they are); returns how many were added. */
export function addToFolder(ws: Workspace, ctx: CallContext, folderId: string, itemIds: readonly string[]): number {
  return runWrite(ws, ctx, (tx) => {
    const folder = requireFolder(tx, folderId);
    const entity = folder.entity as FavouriteEntity;
    const table = entity === 'customer' ? 'customers' : 'contacts';
    const live = tx.ws.db.prepare(
      `SELECT ${entity === 'customer' ? 'id AS root' : 'customer_id AS root'} FROM ${table} WHERE id = ? AND deleted = 0`,
    );
    const existing = tx.ws.db.prepare('SELECT id, deleted FROM favourite_items WHERE folder_id = ? AND item_id = ?');
    let added = 0;
    for (const itemId of new Set(itemIds)) {
      const row = live.get(itemId) as { root: string } | undefined;
      if (!row) throw new KecardError('NOT_FOUND', 'Record not found.', { id: itemId });
      const membership = existing.get(folderId, itemId) as { id: string; deleted: number } | undefined;
      if (membership && membership.deleted === 0) continue;
      if (membership) setDeleted(tx, 'favouriteItem', row.root, membership.id, false);
      // One membership per folder and record on every site: two sites adding the same customer to a
      // shared folder make one row after a merge, not a clash of the (folder, item) unique index.
      else insertRow(tx, 'favouriteItem', row.root, singletonId('favouriteItem', folderId, itemId), { folderId, itemId });
      added += 1;
    }
    return added;
  });
}

export function removeFromFolder(ws: Workspace, ctx: CallContext, folderId: string, itemIds: readonly string[]): number {
  return runWrite(ws, ctx, (tx) => {
    requireFolder(tx, folderId);
    const find = tx.ws.db.prepare(
      `SELECT i.id, COALESCE(ct.customer_id, i.item_id) AS root FROM favourite_items i
       LEFT JOIN contacts ct ON ct.id = i.item_id WHERE i.folder_id = ? AND i.item_id = ? AND i.deleted = 0`,
    );
    let removed = 0;
    for (const itemId of new Set(itemIds)) {
      const row = find.get(folderId, itemId) as { id: string; root: string } | undefined;
      if (!row) continue;
      setDeleted(tx, 'favouriteItem', row.root, row.id, true);
      removed += 1;
    }
    return removed;
  });
}

export function foldersOf(ws: Workspace, itemId: string): string[] {
  return (ws.db.prepare('SELECT folder_id AS id FROM favourite_items WHERE item_id = ? AND deleted = 0').all(itemId) as { id: string }[]).map(
    (r) => r.id,
  );
}

function requireFolder(tx: WriteTx, id: string): Record<string, unknown> {
  const row = readRow(tx, 'favouriteFolder', id);
  if (!row || row.deleted === 1) throw new KecardError('NOT_FOUND', 'Folder not found.', { id });
  return row;
}
