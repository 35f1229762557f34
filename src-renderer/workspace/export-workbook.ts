import i18next from 'i18next';
import { api } from '../api/client';
import { awaitJob } from '../api/await-job';
import { saveDownload } from '../api/download-file';
import { toast } from '../components/toast-store';
import { errorText } from '../api/errors';

// 文件 → 导出工作区: the whole workspace as one xlsx workbook (a sheet per entity) that the import
// wizard reads back. Main writes it in a worker; Electron saves it where the user chooses, the
// browser shell downloads it.

interface Exported {
  downloadToken: string;
  fileName: string;
  customers: number;
  contacts: number;
}

export async function exportWorkbook(): Promise<void> {
  const t = i18next.t.bind(i18next);
  toast.info(t('exportWb.started'));
  let started = false;
  let result: Exported;
  try {
    result = await awaitJob<Exported>(() => api.workspace.exportWorkbook({}), { onStarted: () => (started = true) });
  } catch (err) {
    // Refused at the start (no access, no workspace): the error in words; failed in the worker: its message.
    toast.error(started ? t('exportWb.failed', { message: err instanceof Error ? err.message : '' }) : errorText(t, err));
    return;
  }
  await deliver(result);
}

async function deliver(result: Exported): Promise<void> {
  const t = i18next.t.bind(i18next);
  if (!(await saveDownload(result.downloadToken, result.fileName))) return;
  toast.success(t('exportWb.done', { customers: result.customers.toLocaleString(), contacts: result.contacts.toLocaleString() }));
}
