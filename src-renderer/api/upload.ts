import type { ApiError } from '../../src-shared/errors';
import { ApiCallError } from './client';

export interface UploadedFile {
  fileToken: string;
  fileName: string;
}

/**
 * Browser shell only (import.chooseFile answered `native: false`): sends the file's raw bytes to
 * POST /api/upload and returns the token main staged it under. XMLHttpRequest rather than fetch,
 * because only it reports upload progress for big files. The session cookie goes along (same origin).
 */
export function uploadFile(file: File, onProgress?: (sent: number, total: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new ApiCallError({ code: 'INTERNAL', message: 'Kecard is not reachable (was the shell stopped?).' }));
    xhr.onload = () => {
      try {
        const envelope = JSON.parse(xhr.responseText) as { ok: true; value: UploadedFile } | { ok: false; error: ApiError };
        if (envelope.ok) resolve(envelope.value);
        else reject(new ApiCallError(envelope.error));
      } catch {
        reject(new ApiCallError({ code: 'INTERNAL', message: `The upload failed (HTTP ${xhr.status}).` }));
      }
    };
    xhr.send(file);
  });
}
