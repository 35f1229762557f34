import Database from 'better-sqlite3-multiple-ciphers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFolder } from '../../src-main/db/migrations-folder';
import { KECARD_APPLICATION_ID } from '../../src-main/db/workspace-format';

/**
 * Builds a workspace file as an older Kecard left it: only the first `version` migrations applied,
 * recorded the way drizzle's migrator records them, then `seed` writes rows in that old schema.
 */
export function buildWorkspaceAtVersion(path: string, version: number, seed: (db: Database.Database) => void): void {
  const { folder, entries } = migrationsFolder();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${KECARD_APPLICATION_ID}`);
  db.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)');
  for (const entry of entries.slice(0, version)) {
    const sql = readFileSync(join(folder, `${entry.tag}.sql`), 'utf8');
    for (const statement of sql.split('--> statement-breakpoint')) if (statement.trim()) db.exec(statement);
    db.prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)').run(`test-${entry.tag}`, entry.when);
  }
  db.pragma(`user_version = ${version}`);
  seed(db);
  db.close();
}
