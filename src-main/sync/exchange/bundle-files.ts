import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AppliedBundle } from '../../../src-shared/domain/sync';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import type { Workspace } from '../../db/workspace';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../files/private-files';
import { groupParts, readBundleHeader } from '../bundle/bundle-file';
import { listPartners, mySite, partnerByCode, partnerBySite } from '../network/sync-tables';
import { clearPartnerError, notePartnerError, type PartnerError } from '../network/partner-errors';
import { applyBundle } from './apply-bundle';
import { makeBundle } from './make-bundle';

// Bundles as files: written into a folder (an outbox on a shared drive, a folder to attach from),
// read from files or folders (an inbox), applied in each sender's order.

export const BUNDLE_EXTENSION = '.kcsync';
/** Largest part file read; a bundle's parts are at most a mail attachment each. */
const MAX_PART_FILE_BYTES = 64 * 1024 * 1024;

export interface ExportedBundle {
  to: string;
  number: number;
  changes: number;
  /** Paths of its part files. */
  files: string[];
}

/** Writes the next bundle for each partner named (or every enrolled, unrevoked one) into `dir`. */
export function exportBundles(
  ws: Workspace,
  dir: string,
  partnerCodes: readonly string[] | 'all',
  options: { maxPartBytes?: number } = {},
): ExportedBundle[] {
  mySite(ws.db);
  const codes =
    partnerCodes === 'all'
      ? listPartners(ws.db)
          .filter((p) => p.keys && !p.revokedAt)
          .map((p) => p.code)
      : partnerCodes;
  ensurePrivateDir(dir);
  return codes.map((code) => {
    const made = makeBundle(ws, code, options);
    const files = made.files.map((f) => {
      const path = join(dir, f.name);
      // wx: a bundle never overwrites another file of the same name.
      const fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
      try {
        writeSync(fd, f.bytes);
      } finally {
        closeSync(fd);
      }
      return path;
    });
    return { to: made.header.to.code, number: made.header.number, changes: made.header.counts.changes, files };
  });
}

export interface ImportOutcome {
  applied: (AppliedBundle & { files: string[] })[];
  /** Bundles some of whose parts have not arrived yet: nothing of them was applied. */
  waiting: { from: string; number: number; missing: number[]; files: string[] }[];
  /** Whole bundles refused, each with its reason; others were still applied. */
  refused: { files: string[]; code: string; reason: string; message: string }[];
  /**
   * Each partner's last error as this import left it (null: cleared by an applied bundle). Kept in
   * memory per connection (partner-errors.ts): an import run on a worker's connection hands them
   * to main's with its answer.
   */
  partnerNotes: PartnerNote[];
}

export interface ImportProgress {
  /** Changes gone through, of all the complete bundles found (their headers' counts). */
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  chunkEntries?: number;
}

/**
 * Reads bundle files and folders (every *.kcsync inside), groups their parts, and applies each
 * complete bundle — a sender's bundles in number order. With `processedDir`, applied (and
 * duplicate) files are moved there.
 */
export function importBundles(
  ws: Workspace,
  ctx: CallContext,
  paths: readonly string[],
  options: { processedDir?: string } & ImportProgress = {},
): ImportOutcome {
  mySite(ws.db);
  const files = paths.flatMap((p) => (statSync(p).isDirectory() ? bundleFilesIn(p) : [p]));
  const byBytes = new Map<Buffer, string>();
  const parts: Buffer[] = [];
  const outcome: ImportOutcome = { applied: [], waiting: [], refused: [], partnerNotes: [] };
  for (const file of files) {
    if (statSync(file).size > MAX_PART_FILE_BYTES) {
      outcome.refused.push({ files: [file], code: 'BUNDLE_INVALID', reason: 'tooLarge', message: 'The file is larger than any bundle part.' });
      continue;
    }
    const bytes = readFileSync(file);
    // A stray file, or a part still being copied, is refused on its own; the others still go in.
    try {
      readBundleHeader(bytes);
    } catch (err) {
      if (!(err instanceof KecardError)) throw err;
      outcome.refused.push({
        files: [file],
        code: err.code,
        reason: typeof err.details?.reason === 'string' ? err.details.reason : '',
        message: err.message,
      });
      continue;
    }
    byBytes.set(bytes, file);
    parts.push(bytes);
  }
  const groups = groupParts(parts);
  groups.sort((a, b) => a.header.from.siteId.localeCompare(b.header.from.siteId) || a.header.number - b.header.number);
  const total = groups.reduce((n, g) => n + (g.missing.length === 0 ? g.header.counts.changes : 0), 0);
  let before = 0;
  for (const group of groups) {
    const groupFiles = group.parts.map((p) => byBytes.get(p) ?? '');
    if (group.missing.length > 0) {
      outcome.waiting.push({ from: group.header.from.code, number: group.header.number, missing: group.missing, files: groupFiles });
      continue;
    }
    if (options.isCancelled?.()) throw cancelledAfter(outcome, before, total);
    try {
      const result = applyBundle(ws, ctx, group.parts, group.header, {
        ...(options.chunkEntries !== undefined ? { chunkEntries: options.chunkEntries } : {}),
        ...(options.isCancelled ? { isCancelled: options.isCancelled } : {}),
        onProgress: (done) => options.onProgress?.(before + done, total),
      });
      outcome.applied.push({ ...result, files: groupFiles });
      if (!result.duplicate) note(ws, outcome, partnerBySite(ws.db, group.header.from.siteId)?.id, null);
      if (options.processedDir) moveInto(options.processedDir, groupFiles);
    } catch (err) {
      // Cancelled: the bundles before this one stay applied (and so does what a chunked one
      // committed), the rest wait for the next import.
      if (err instanceof KecardError && err.code === 'JOB_CANCELLED')
        throw err.details?.reason === 'nothing' ? cancelledAfter(outcome, before, total) : err;
      // Any refusal of one bundle (a check, or a change that does not fit this workspace) leaves
      // the others to go in; nothing of this one was written (one transaction).
      if (!(err instanceof KecardError)) throw err;
      const refusal = { code: err.code, reason: typeof err.details?.reason === 'string' ? err.details.reason : '', message: err.message };
      outcome.refused.push({ files: groupFiles, ...refusal });
      const sender = partnerBySite(ws.db, group.header.from.siteId) ?? partnerByCode(ws.db, group.header.from.code);
      if (sender && group.header.networkId === mySite(ws.db).networkId) {
        note(ws, outcome, sender.id, { ...refusal, reason: refusal.reason || null });
      }
    }
    before += group.header.counts.changes;
  }
  return outcome;
}

/** Cancelled between bundles, or within one that rolled back whole: those before it stay applied. */
function cancelledAfter(outcome: ImportOutcome, done: number, total: number): KecardError {
  const applied = outcome.applied.filter((a) => !a.duplicate).length;
  return new KecardError('JOB_CANCELLED', applied > 0 ? `Cancelled after ${applied} bundles.` : 'Cancelled: nothing was applied.', {
    reason: applied > 0 ? 'rest' : 'nothing',
    applied,
    done,
    total,
  });
}

export interface PartnerNote {
  partnerId: number;
  error: Omit<PartnerError, 'at'> | null;
}

function note(ws: Workspace, outcome: ImportOutcome, partnerId: number | undefined, error: PartnerNote['error']): void {
  if (partnerId === undefined) return;
  outcome.partnerNotes.push({ partnerId, error });
  notePartnerNotes(ws.db, [{ partnerId, error }]);
}

/** Puts an import's partner errors on a connection (main's, after a worker imported). */
export function notePartnerNotes(db: Workspace['db'], notes: readonly PartnerNote[]): void {
  for (const n of notes) {
    if (n.error) notePartnerError(db, n.partnerId, n.error);
    else clearPartnerError(db, n.partnerId);
  }
}

function bundleFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(BUNDLE_EXTENSION))
    .sort()
    .map((name) => join(dir, name));
}

function moveInto(dir: string, files: readonly string[]): void {
  ensurePrivateDir(dir);
  for (const file of files) {
    let target = join(dir, basename(file));
    for (let i = 2; existsSync(target); i += 1) target = join(dir, `${i}-${basename(file)}`);
    renameSync(file, target);
  }
}
