import i18next from 'i18next';
import type { KecardEvent } from '../../src-shared/contract/events';
import { api, onEvent } from '../api/client';
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
  // The job may finish before its id comes back, so events are kept until the id is known.
  const seen = new Map<string, Extract<KecardEvent, { type: 'job.finished' }>>();
  let jobId: string | null = null;
  let settled = false;
  const finish = (event: Extract<KecardEvent, { type: 'job.finished' }>) => {
    if (settled) return;
    settled = true;
    off();
    if (event.ok) void deliver(event.result as Exported);
    else toast.error(t('exportWb.failed', { message: event.error?.message ?? '' }));
  };
  const off = onEvent((event) => {
    if (event.type !== 'job.finished') return;
    if (jobId === null) seen.set(event.jobId, event);
    else if (event.jobId === jobId) finish(event);
  });
  toast.info(t('exportWb.started'));
  try {
    jobId = (await api.workspace.exportWorkbook({})).jobId;
    const early = seen.get(jobId);
    if (early) finish(early);
  } catch (err) {
    off();
    toast.error(errorText(t, err));
  }
}

async function deliver(result: Exported): Promise<void> {
  const t = i18next.t.bind(i18next);
  if (!(await saveDownload(result.downloadToken, result.fileName))) return;
  toast.success(t('exportWb.done', { customers: result.customers.toLocaleString(), contacts: result.contacts.toLocaleString() }));
}
