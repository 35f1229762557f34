import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../../db/workspace';
import { loadFacts, saveFacts } from './facts-file';
import { SalesFacts, type FactsProgress } from './sales-facts';

// By file, not connection: the resident report worker opens the file for each job (holding no
// handle between jobs, so a backup can replace it), and connections to one file share its facts.
const cache = new Map<string, { facts: SalesFacts; savedAt: number }>();

/** Changes applied since the facts file was written after which it is written again. */
const RESAVE_AFTER = 50_000;

export interface FactsOptions extends FactsProgress {
  /** Folder for facts files (the app's data folder); none = memory only. */
  cacheDir?: string | undefined;
}

/** Where the facts of a workspace file are kept on this machine. */
export function factsFile(cacheDir: string, workspacePath: string): string {
  return join(cacheDir, 'facts', `${createHash('sha256').update(workspacePath).digest('hex').slice(0, 24)}.bin`);
}

/** The workspace's sales facts, current as of now: from memory, else its facts file, else read in full. */
export function salesFacts(ws: Workspace, options: FactsOptions = {}): SalesFacts {
  let entry = cache.get(ws.path);
  const file = options.cacheDir ? factsFile(options.cacheDir, ws.path) : null;
  if (!entry) {
    const loaded = file ? loadFacts(file, ws.identity.workspaceId) : null;
    entry = { facts: loaded ?? new SalesFacts(), savedAt: loaded ? loaded.cursor.position : -1 };
    cache.set(ws.path, entry);
  }
  try {
    const outcome = entry.facts.refresh(ws, options);
    if (file && (outcome === 'rebuilt' || entry.facts.cursor.position - entry.savedAt > RESAVE_AFTER)) {
      try {
        saveFacts(entry.facts, file, ws.identity.workspaceId);
        entry.savedAt = entry.facts.cursor.position;
      } catch (err) {
        // Only a head start for the next open is lost (a full disk, a read-only folder).
        console.error('[kecard] could not save the sales facts', err);
      }
    }
  } catch (err) {
    // A cancelled or failed read leaves nothing half-built behind.
    cache.delete(ws.path);
    throw err;
  }
  return entry.facts;
}

// The query worker's facts: it only reads the file the report worker saves (never the 10M orders
// itself, which would take a core for a minute beside the report worker's own read).
const followed = new Map<string, { facts: SalesFacts | null; fileTime: number }>();

/**
 * The workspace's sales facts for a reader that must answer at once: from memory or the saved
 * facts file, kept current from the change log; null while there is no file yet, or when the
 * facts fell too far behind it (after a large import), until the report worker saves a newer one.
 */
export function followedFacts(ws: Workspace, cacheDir: string): SalesFacts | null {
  const file = factsFile(cacheDir, ws.path);
  const fileTime = existsSync(file) ? statSync(file).mtimeMs : -1;
  let entry = followed.get(ws.path);
  if (!entry || (!entry.facts && fileTime !== entry.fileTime)) {
    entry = { facts: fileTime < 0 ? null : loadFacts(file, ws.identity.workspaceId), fileTime };
    followed.set(ws.path, entry);
  }
  if (entry.facts && entry.facts.refresh(ws, { rebuild: false }) === 'behind') entry.facts = null;
  return entry.facts;
}
