import type { FieldConflict } from '../../../src-shared/domain/save-conflict';
import type { WriteTx } from '../../changelog/write-tx';
import { decodeValue } from '../../changelog/write-tx';
import { fieldChangesSince } from '../../changelog/apply/field-stamps';
import { fromDbValue } from './entity-tables';
import { sameValue } from './entity-writes';

type Row = Record<string, unknown>;

/** A patch split by the save-conflict check: what to write now, and the fields the user must decide. */
export interface HeldPatch<B extends Row> {
  builtIn: B;
  custom: Row | undefined;
  conflicts: FieldConflict[];
}

/**
 * "No silent overwrites" (docs/data-model.md, "Versions and save conflicts"): a field of the patch
 * that someone else changed after `baseVersion` — in the log, whoever wrote it: another window,
 * another user, a bundle — is held back when the value now stored is neither what the user
 * started from nor what they typed. Every other field saves as usual, in the same call. Without a
 * version (an old client, `kecard call` without one) nothing is held: the save wins, as before.
 *
 * `before` is the raw row; `currentCustom` the record's custom values as read now.
 */
export function holdConflicts<B extends Row>(
  tx: WriteTx,
  entityId: string,
  before: Row,
  currentCustom: Row,
  patch: { builtIn: B; custom: Row | undefined },
  baseVersion: number | undefined,
): HeldPatch<B> {
  if (baseVersion === undefined) return { ...patch, conflicts: [] };
  const conflicts: FieldConflict[] = [];
  const builtIn = { ...patch.builtIn };
  for (const [field, mine] of Object.entries(patch.builtIn)) {
    const conflict = fieldConflict(tx, entityId, field, field, mine, fromDbValue(field, before[field]), baseVersion);
    if (!conflict) continue;
    conflicts.push(conflict);
    delete builtIn[field];
  }
  let custom = patch.custom;
  if (patch.custom) {
    custom = { ...patch.custom };
    for (const [column, mine] of Object.entries(patch.custom)) {
      const conflict = fieldConflict(tx, entityId, column, `custom.${column}`, mine, currentCustom[column] ?? null, baseVersion);
      if (!conflict) continue;
      conflicts.push(conflict);
      delete custom[column];
    }
  }
  return { builtIn, custom, conflicts };
}

function fieldConflict(
  tx: WriteTx,
  entityId: string,
  logField: string,
  field: string,
  mine: unknown,
  theirs: unknown,
  baseVersion: number,
): FieldConflict | null {
  // Both sides agree already: nothing to decide (and nothing to write).
  if (sameValue(mine, theirs)) return null;
  const changes = fieldChangesSince(tx.ws.db, entityId, logField, baseVersion);
  const latest = changes[changes.length - 1];
  if (!changes[0] || !latest) return null;
  const base = decodeValue(changes[0].oldValue);
  // Changed and changed back (an undo, a losing remote change): what the user saw is what is stored.
  if (sameValue(base, theirs)) return null;
  return { field, base, mine, theirs, byUserId: latest.userId, byUserName: latest.userName, at: new Date(latest.at).toISOString() };
}
