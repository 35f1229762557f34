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
 * started from nor what they typed; a field sent back as it was read (unchanged by this user)
 * leaves the other change standing. Every other field saves as usual, in the same call. Without a
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
    const check = fieldCheck(tx, entityId, field, field, mine, fromDbValue(field, before[field]), baseVersion);
    if (check === 'write') continue;
    if (check !== 'theirs') conflicts.push(check);
    delete builtIn[field];
  }
  let custom = patch.custom;
  if (patch.custom) {
    custom = { ...patch.custom };
    for (const [column, mine] of Object.entries(patch.custom)) {
      const check = fieldCheck(tx, entityId, column, `custom.${column}`, mine, currentCustom[column] ?? null, baseVersion);
      if (check === 'write') continue;
      if (check !== 'theirs') conflicts.push(check);
      delete custom[column];
    }
  }
  return { builtIn, custom, conflicts };
}

/**
 * What to do with one field of the patch: write it; leave theirs (the user sent back the value
 * they started from — the card sends some unchanged fields — so the other change stands, not
 * reverted); or hold it as a conflict.
 */
function fieldCheck(
  tx: WriteTx,
  entityId: string,
  logField: string,
  field: string,
  mine: unknown,
  theirs: unknown,
  baseVersion: number,
): FieldConflict | 'write' | 'theirs' {
  // Both sides agree already: nothing to decide (and nothing to write).
  if (sameValue(mine, theirs)) return 'write';
  const changes = fieldChangesSince(tx.ws.db, entityId, logField, baseVersion);
  const latest = changes[changes.length - 1];
  if (!changes[0] || !latest) return 'write';
  const base = decodeValue(changes[0].oldValue);
  // Changed and changed back (an undo, a losing remote change): what the user saw is what is stored.
  if (sameValue(base, theirs)) return 'write';
  if (sameValue(base, mine)) return 'theirs';
  return { field, base, mine, theirs, byUserId: latest.userId, byUserName: latest.userName, at: new Date(latest.at).toISOString() };
}
