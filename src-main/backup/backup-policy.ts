// Which backups to keep: the newest scheduled one of each of the last 7 days and of each of the
// last 4 ISO weeks, the 10 newest made before a risky operation, and every manual one — a backup
// the user asked for is theirs to delete, never rotation's. Pure, so it is tested on its own.

export interface BackupEntry {
  file: string;
  /** ISO timestamp the backup was taken. */
  takenAt: string;
  reason: 'scheduled' | 'manual' | 'import' | 'bulk' | 'migration' | 'restore';
}

export const KEEP = { daily: 7, weekly: 4, beforeRisky: 10 } as const;

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${week}`;
}

export function backupsToKeep(entries: readonly BackupEntry[]): Set<string> {
  const newestFirst = [...entries].sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
  const keep = new Set<string>();
  const risky = newestFirst.filter((e) => e.reason !== 'scheduled' && e.reason !== 'manual');
  risky.slice(0, KEEP.beforeRisky).forEach((e) => keep.add(e.file));
  newestFirst.filter((e) => e.reason === 'manual').forEach((e) => keep.add(e.file));
  const regular = newestFirst.filter((e) => e.reason === 'scheduled');
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const e of regular) {
    const day = e.takenAt.slice(0, 10);
    if (!days.has(day) && days.size < KEEP.daily) {
      days.add(day);
      keep.add(e.file);
    }
    const week = isoWeek(new Date(e.takenAt));
    if (!weeks.has(week) && weeks.size < KEEP.weekly) {
      weeks.add(week);
      keep.add(e.file);
    }
  }
  return keep;
}
