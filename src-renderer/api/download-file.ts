import { api } from './client';

/**
 * Hands a file main wrote (an export) to the user: Electron asks where to save it, the browser
 * shell downloads it by token. False when the user cancelled the save dialog.
 */
export async function saveDownload(downloadToken: string, fileName: string): Promise<boolean> {
  const saved = await api.files.save({ downloadToken });
  if (saved.native) return saved.saved;
  const session = sessionStorage.getItem('kecard.token') ?? '';
  const link = document.createElement('a');
  link.href = `/api/download/${downloadToken}?token=${encodeURIComponent(session)}`;
  link.download = fileName;
  link.click();
  return true;
}
