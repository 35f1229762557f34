import i18next from 'i18next';
import type { QueryDefinition } from '../../src-shared/query/query-tree';
import { api } from '../api/client';
import type { ResultColumn } from './result-columns';

/** Saves bytes from main as a download (the browser's own save, or the desktop's download dialog). */
export function downloadBase64(base64: string, mimeType: string, fileName: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Exports the whole result with the columns on screen, headed in the UI language. */
export async function exportResult(definition: QueryDefinition, columns: ResultColumn[], format: 'xlsx' | 'csv', name: string): Promise<{ rows: number; fileName: string }> {
  const t = i18next.t.bind(i18next);
  const res = await api.queries.export({
    definition,
    format,
    columns: columns.map((c) => ({ key: c.key, header: c.title(t), kind: c.kind })),
    fileName: name,
  });
  downloadBase64(res.base64, res.mimeType, res.fileName);
  return { rows: res.rows, fileName: res.fileName };
}
