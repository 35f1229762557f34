import { createHash } from 'node:crypto';
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
