import { api } from './client';

/**
 * Hands a file main wrote (an export) to the user: Electron asks where to save it, the browser
 * shell downloads it by token (once). False when the user cancelled the save dialog.
 */
export async function saveDownload(downloadToken: string, fileName: string): Promise<boolean> {
  const saved = await api.files.save({ downloadToken });
  if (saved.native) return saved.saved;
  const link = document.createElement('a');
  // Same origin: the session cookie goes along; the file is served once, then deleted.
  link.href = `/api/download/${downloadToken}`;
  link.download = fileName;
  link.click();
  return true;
}
