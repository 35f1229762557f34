import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AppliedBundle } from '../../../src-shared/domain/sync';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import type { Workspace } from '../../db/workspace';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../files/private-files';
import { groupParts, readBundleHeader } from '../bundle/bundle-file';
import { listPartners, mySite, partnerByCode, partnerBySite } from '../network/sync-tables';
import { notePartnerError } from '../network/partner-errors';
import { applyBundle } from './apply-bundle';
import { makeBundle } from './make-bundle';

// Bundles as files: written into a folder (an outbox on a shared drive, a folder to attach from),
// read from files or folders (an inbox), applied in each sender's order.

export const BUNDLE_EXTENSION = '.kcsync';
/** Largest part file read; a bundle's parts are at most a mail attachment each. */
const MAX_PART_FILE_BYTES = 64 * 1024 * 1024;

/** Writes the next bundle for each partner named (or every enrolled, unrevoked one) into `dir`. */
export function exportBundles(
  ws: Workspace,
  dir: string,
  partnerCodes: readonly string[] | 'all',
  options: { maxPartBytes?: number } = {},
): { to: string; number: number; changes: number; files: string[] }[] {
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
}

/**
 * Reads bundle files and folders (every *.kcsync inside), groups their parts, and applies each
 * complete bundle — a sender's bundles in number order. With `processedDir`, applied (and
 * duplicate) files are moved there.
 */
export function importBundles(ws: Workspace, ctx: CallContext, paths: readonly string[], options: { processedDir?: string } = {}): ImportOutcome {
  mySite(ws.db);
  const files = paths.flatMap((p) => (statSync(p).isDirectory() ? bundleFilesIn(p) : [p]));
  const byBytes = new Map<Buffer, string>();
  const parts: Buffer[] = [];
  const outcome: ImportOutcome = { applied: [], waiting: [], refused: [] };
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
  for (const group of groups) {
    const groupFiles = group.parts.map((p) => byBytes.get(p) ?? '');
    if (group.missing.length > 0) {
      outcome.waiting.push({ from: group.header.from.code, number: group.header.number, missing: group.missing, files: groupFiles });
      continue;
    }
    try {
      const result = applyBundle(ws, ctx, group.parts, group.header);
      outcome.applied.push({ ...result, files: groupFiles });
      if (options.processedDir) moveInto(options.processedDir, groupFiles);
    } catch (err) {
      // Any refusal of one bundle (a check, or a change that does not fit this workspace) leaves
      // the others to go in; nothing of this one was written (one transaction).
      if (!(err instanceof KecardError)) throw err;
      const refusal = { code: err.code, reason: typeof err.details?.reason === 'string' ? err.details.reason : '', message: err.message };
      outcome.refused.push({ files: groupFiles, ...refusal });
      const sender = partnerBySite(ws.db, group.header.from.siteId) ?? partnerByCode(ws.db, group.header.from.code);
      if (sender && group.header.networkId === mySite(ws.db).networkId) {
        notePartnerError(ws.db, sender.id, { ...refusal, reason: refusal.reason || null });
      }
    }
  }
  return outcome;
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
