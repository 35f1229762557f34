import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

let cached: { folder: string; entries: JournalEntry[] } | null = null;

/**
 * The drizzle-kit output folder. Sources, the bundled CLI/shell and the packaged app sit at
 * different depths below the project root, so walk up until `migrations/meta/_journal.json` shows.
 */
export function migrationsFolder(): { folder: string; entries: JournalEntry[] } {
  if (cached) return cached;
  const override = process.env.KECARD_MIGRATIONS_DIR;
  const start = override ?? dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (let i = 0; i < 8; i += 1) {
    const candidate = override ? dir : join(dir, 'migrations');
    const journal = join(candidate, 'meta', '_journal.json');
    if (existsSync(journal)) {
      const parsed = JSON.parse(readFileSync(journal, 'utf8')) as { entries: JournalEntry[] };
      cached = { folder: candidate, entries: parsed.entries };
      return cached;
    }
    dir = dirname(dir);
  }
  throw new Error(`Kecard migrations not found above ${start}`);
}

/** Schema version of a fully migrated workspace = number of migrations this build knows. */
export function latestSchemaVersion(): number {
  return migrationsFolder().entries.length;
}
