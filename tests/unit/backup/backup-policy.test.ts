import { describe, expect, it } from 'vitest';
import { backupsToKeep, type BackupEntry } from '../../../src-main/backup/backup-policy';

const at = (iso: string, reason: BackupEntry['reason'] = 'scheduled'): BackupEntry => ({ file: `${iso}.${reason}`, takenAt: iso, reason });

describe('backup rotation', () => {
  it('keeps the newest of each of the last 7 days and of the last 4 weeks', () => {
    // Two backups a day for 60 days.
    const entries: BackupEntry[] = [];
    for (let d = 0; d < 60; d += 1) {
      const day = new Date(Date.UTC(2026, 10, 23) - d * 86_400_000).toISOString().slice(0, 10);
      entries.push(at(`${day}T08:00:00Z`), at(`${day}T20:00:00Z`));
    }
    const keep = backupsToKeep(entries);
    const kept = entries.filter((e) => keep.has(e.file)).map((e) => e.takenAt);
    // 7 daily (evenings of 17–23 Nov); weekly ones add the newest of earlier weeks.
    expect(kept.slice(0, 7)).toEqual(
      ['2026-11-23', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17'].map((d) => `${d}T20:00:00Z`),
    );
    expect(kept.every((t) => t.endsWith('T20:00:00Z'))).toBe(true);
    expect(kept).toContain('2026-11-15T20:00:00Z'); // newest of the ISO week 9–15 Nov
    expect(kept.length).toBe(7 + 2); // weeks 17–23 Nov and 16 Nov are covered by dailies; 2 earlier weeks added
  });

  it('keeps the ten newest backups made before risky operations on top', () => {
    const risky = Array.from({ length: 15 }, (_, i) => at(`2026-11-${String(i + 1).padStart(2, '0')}T10:00:00Z`, i % 2 ? 'import' : 'bulk'));
    const keep = backupsToKeep([...risky, at('2026-11-20T10:00:00Z')]);
    expect(risky.filter((e) => keep.has(e.file)).map((e) => e.takenAt.slice(8, 10))).toEqual([
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
    ]);
    expect(keep.has('2026-11-20T10:00:00Z.scheduled')).toBe(true);
  });

  it('never rotates away a backup the user made by hand, however many and however old', () => {
    const manual = Array.from({ length: 30 }, (_, i) => at(`2025-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1}T09:00:00Z`, 'manual'));
    const scheduled = Array.from({ length: 40 }, (_, i) =>
      at(new Date(Date.UTC(2026, 10, 23) - i * 86_400_000).toISOString().replace('.000', ''), 'scheduled'),
    );
    const keep = backupsToKeep([...manual, ...scheduled]);
    expect(manual.every((e) => keep.has(e.file))).toBe(true);
    // Scheduled ones rotate as before: manual backups take no daily or weekly slot.
    expect(scheduled.filter((e) => keep.has(e.file))).toHaveLength(7 + 2); // as in the first case: 17–23 Nov daily, then 15 and 8 Nov weekly
  });
});
