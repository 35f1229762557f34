import { api } from '../api/client';
import { uploadFile, type UploadedFile } from '../api/upload';
import { useApp } from '../app/app-store';

/** Electron answers with the OS file dialog; the browser shell's page clicks its own file input. */
export function useNativeDialogs(): boolean {
  return useApp((s) => s.appInfo?.nativeDialogs ?? false);
}

/** Electron: the files chosen in the OS dialog, staged where they are (none when cancelled). */
export async function chooseNative(kind: 'invitation' | 'bundles'): Promise<UploadedFile[]> {
  return (await api.sync.chooseFiles({ kind })).files;
}

/** Browser shell: the picked files, uploaded one by one. */
export async function uploadChosen(files: readonly File[]): Promise<UploadedFile[]> {
  const out: UploadedFile[] = [];
  for (const f of files) out.push(await uploadFile(f));
  return out;
}
