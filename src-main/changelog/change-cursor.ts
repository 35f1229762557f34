import type { Workspace } from '../db/workspace';

// What tells one log entry from another that took its n in a replaced file.
const ENTRY_KEY = "site || ':' || seq || ':' || hlc";

/**
 * A position in the change log, for what is derived from the data and kept current from it (the
 * sales facts of reports, the sidebar counts). Every write goes through the log and its n
 * only grows, so "rows after my position" is exactly what changed — unless the file was replaced
 * by a backup, whose log may reuse numbers: the site, sequence and stamp of the entry at the position tells.
 */
export class ChangeCursor {
  position = 0;
  private positionId: string | null = null;

  /** The log's last row now, and whether the log still continues from this cursor's position. */
  peek(ws: Workspace): { top: number; topId: string | null; continues: boolean } {
    const last = ws.db.prepare(`SELECT n, ${ENTRY_KEY} FROM change_log ORDER BY n DESC LIMIT 1`).raw(true).get() as [number, string] | undefined;
    const [top, topId] = last ?? [0, null];
    const continues =
      this.position > 0 && (ws.db.prepare(`SELECT ${ENTRY_KEY} FROM change_log WHERE n = ?`).pluck().get(this.position) ?? null) === this.positionId;
    return { top, topId, continues };
  }

  /** For saving the cursor with what it guards (e.g. the sales facts file). */
  get state(): { position: number; positionId: string | null } {
    return { position: this.position, positionId: this.positionId };
  }

  moveTo(top: number, topId: string | null): void {
    this.position = top;
    this.positionId = topId;
  }
}
