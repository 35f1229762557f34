import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { KecardError } from '../../src-shared/errors';

export interface StagedFile {
  path: string;
  fileName: string;
}

/** Largest file the browser shell accepts for import (a 1M-row CSV is ~150 MB). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/**
 * Files the user chose for import, known to the renderer only by an opaque token: Electron stages
 * the path its dialog returned; the browser shell stages an uploaded copy in a private temp folder.
 */
export class StagedFiles {
  private readonly files = new Map<string, StagedFile & { owned: boolean }>();
  private readonly dir = join(tmpdir(), `kecard-uploads-${process.pid}`);

  stagePath(path: string, fileName: string): string {
    const token = randomBytes(16).toString('hex');
    this.files.set(token, { path, fileName, owned: false });
    return token;
  }

  async stageUpload(body: Readable, fileName: string): Promise<string> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const token = randomBytes(16).toString('hex');
    const path = join(this.dir, token);
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) body.destroy(new KecardError('VALIDATION', 'The file is too large.', { fields: { file: 'tooLarge' } }));
    });
    try {
      await pipeline(body, createWriteStream(path, { mode: 0o600 }));
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
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    return join(this.dir, `${randomBytes(16).toString('hex')}${extension}`);
  }

  get(token: string): StagedFile {
    const file = this.files.get(token);
    if (!file) throw new KecardError('NOT_FOUND', 'The chosen file is no longer available; choose it again.', { fields: { file: 'expired' } });
    return file;
  }

  disposeAll(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.files.clear();
  }
}
