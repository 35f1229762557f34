import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { KecardError } from '../../src-shared/errors';
import { PRIVATE_FILE_MODE } from '../files/private-files';
import { createProcessFolder, removeDeadProcessFolders } from '../files/process-folders';

export interface StagedFile {
  path: string;
  fileName: string;
}

/** Largest file the browser shell accepts for import (a 1M-row CSV is ~150 MB). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/**
 * Files the user chose for import, known to the renderer only by an opaque token: Electron stages
 * the path its dialog returned; the browser shell stages an uploaded copy. Uploaded copies and
 * exports are customers' data: they live in this process's private folder under the data folder
 * (`staging/<pid>-<random>`, 0700, files 0600 — never a guessable /tmp path another user could
 * create first or swap a file in), are deleted once used, and a later start removes what a killed
 * process left there.
 */
export class StagedFiles {
  private readonly files = new Map<string, StagedFile & { owned: boolean }>();
  private readonly parent: string;
  private dir: string | null = null;

  constructor(dataDir: string) {
    this.parent = join(dataDir, 'staging');
    try {
      removeDeadProcessFolders(this.parent);
    } catch (err) {
      console.warn('[kecard] could not remove files staged by an earlier run:', err instanceof Error ? err.message : err);
    }
  }

  /** This process's staging folder, made on first use; null until then. */
  get folder(): string | null {
    return this.dir;
  }

  stagePath(path: string, fileName: string): string {
    const token = randomBytes(16).toString('hex');
    this.files.set(token, { path, fileName, owned: false });
    return token;
  }

  async stageUpload(body: Readable, fileName: string): Promise<string> {
    const token = randomBytes(16).toString('hex');
    const path = join(this.ensureFolder(), token);
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) body.destroy(tooLarge());
    });
    try {
      // 'wx': a fresh file of ours, never one that appeared under this name.
      await pipeline(body, createWriteStream(path, { mode: PRIVATE_FILE_MODE, flags: 'wx' }));
    } catch (err) {
      rmSync(path, { force: true });
      throw err instanceof KecardError ? err : new KecardError('WORKSPACE_IO', 'The upload failed.');
    }
    this.files.set(token, { path, fileName: fileName.slice(0, 200), owned: true });
    return token;
  }

  /** A file main produced for the user (an export), offered for download once by token. */
  stageDownload(path: string, fileName: string): string {
    const token = randomBytes(16).toString('hex');
    this.files.set(token, { path, fileName, owned: true });
    return token;
  }

  /** Where a job may write a file it will hand over for download. */
  exportPath(extension: string): string {
    return join(this.ensureFolder(), `${randomBytes(16).toString('hex')}${extension}`);
  }

  get(token: string): StagedFile {
    const file = this.files.get(token);
    if (!file) throw new KecardError('NOT_FOUND', 'The chosen file is no longer available; choose it again.', { fields: { file: 'expired' } });
    return file;
  }

  /**
   * Done with a staged file: an uploaded copy or an export is deleted and its token forgotten.
   * A file the user chose in Electron's dialog is theirs: it stays, and so does its token.
   */
  release(token: string): void {
    const file = this.files.get(token);
    if (!file?.owned) return;
    this.files.delete(token);
    rmSync(file.path, { force: true });
  }

  /** A produced file that will not be handed over (its job failed or was cancelled). */
  discard(path: string): void {
    if (this.dir && dirname(resolve(path)) === resolve(this.dir)) rmSync(path, { force: true });
  }

  disposeAll(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.files.clear();
  }

  private ensureFolder(): string {
    this.dir ??= createProcessFolder(this.parent);
    return this.dir;
  }
}

function tooLarge(): KecardError {
  return new KecardError('TOO_LARGE', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024 / 1024} GB.`, { limitBytes: MAX_UPLOAD_BYTES });
}
