import i18next from 'i18next';
import type { KecardEvent } from '../../src-shared/contract/events';
import { normaliseHeader } from '../../src-shared/import/header-synonyms';
import { missingFields } from '../../src-shared/import/mapping-checks';
import { api } from '../api/client';
import { apiErrorText, errorText, isCode } from '../api/errors';
import { uploadFile } from '../api/upload';
import { useDataVersion } from '../app/app-store';
import { downloadBase64 } from '../queries/export-result';
import { importFieldLabel, problemText, targetFields } from './import-fields';
import { initialImport, useImport, type ImportState } from './import-store';
import { asReport, type ImportSettings, type ImportTarget, type MappingTemplate, type ReadOptions } from './import-types';

const t = i18next.t.bind(i18next);
const get = () => useImport.getState();
const patch = (p: Partial<ImportState>) => useImport.getState().set(p);

export function openImportWizard(): void {
  useImport.setState({ ...initialImport, open: true });
  void api.businessTypes
    .list({})
    .then((types) => {
      patch({ businessTypes: types });
      // Records chosen before the list arrived: take the first type now.
      if (get().target === 'records' && !get().businessTypeId && types[0]) setBusinessType(types[0].id);
    })
    .catch(() => undefined);
}

export function closeImportWizard(): void {
  if (get().job) return;
  useImport.setState({ ...initialImport });
}

/** The settings for check and run, from the wizard's state. */
export function currentSettings(s: ImportState = get()): ImportSettings {
  const read: ImportSettings['read'] = { encoding: s.read.encoding, delimiter: s.read.delimiter };
  if (s.read.sheet) read.sheet = s.read.sheet;
  return {
    target: s.target,
    ...(s.target === 'records' && s.businessTypeId ? { businessTypeId: s.businessTypeId } : {}),
    ...(s.target === 'records' && s.recordKey ? { recordKey: s.recordKey } : {}),
    read,
    ...(s.headerRow ? { headerRow: s.headerRow } : {}),
    mapping: s.mapping,
    duplicateAction: s.duplicateAction,
    rowActions: s.rowActions,
    mode: s.mode,
    optionDecisions: s.optionDecisions,
  };
}

/** Desktop: the native file dialog. Returns false when the page must offer its own file input. */
export async function chooseNativeFile(): Promise<boolean> {
  try {
    const choice = await api.import.chooseFile({});
    if (!choice.native) return false;
    if (choice.fileToken && choice.fileName) {
      patch({ file: { fileToken: choice.fileToken, fileName: choice.fileName }, error: null });
      await inspect();
    }
    return true;
  } catch (err) {
    patch({ error: errorText(t, err) });
    return true;
  }
}

/** Browser shell: uploads the picked file (with progress), then inspects it. */
export async function uploadChosenFile(file: File): Promise<void> {
  patch({ upload: { sent: 0, total: file.size }, error: null, file: null, inspection: null, report: null });
  try {
    const uploaded = await uploadFile(file, (sent, total) => patch({ upload: { sent, total } }));
    patch({ file: uploaded, upload: null });
    await inspect();
  } catch (err) {
    patch({ upload: null, error: errorText(t, err) });
  }
}

/** (Re-)reads the file's structure: encoding, delimiter, sheets, header row, sample, suggested mapping. */
export async function inspect(): Promise<void> {
  const s = get();
  if (!s.file) return;
  if (s.target === 'records' && !s.businessTypeId) {
    patch({ inspection: null, mapping: {}, report: null });
    return;
  }
  patch({ busy: true, error: null });
  try {
    const read: { encoding: ReadOptions['encoding']; delimiter: ReadOptions['delimiter']; sheet?: string } = {
      encoding: s.read.encoding,
      delimiter: s.read.delimiter,
    };
    if (s.read.sheet) read.sheet = s.read.sheet;
    const inspection = await api.import.inspect({
      fileToken: s.file.fileToken,
      target: s.target,
      ...(s.target === 'records' && s.businessTypeId ? { businessTypeId: s.businessTypeId } : {}),
      read,
    });
    patch({ inspection, mapping: { ...inspection.suggested }, report: null, rowActions: {}, optionDecisions: {}, recordKey: null, busy: false });
  } catch (err) {
    patch({ busy: false, inspection: null, error: isCode(err, 'JOB_CANCELLED') ? t('imp.file.readCancelled') : errorText(t, err) });
  }
}

/** 取消 while a file is being read: main ends its reader thread; inspect() then says so. */
export async function cancelInspect(): Promise<void> {
  const file = get().file;
  if (file) await api.import.cancelInspect({ fileToken: file.fileToken });
}

export function setTarget(target: ImportTarget): void {
  const s = get();
  const businessTypeId = target === 'records' ? (s.businessTypeId ?? s.businessTypes[0]?.id ?? null) : s.businessTypeId;
  // Duplicate choices differ per target (a receipt cannot be merged), so they start over.
  patch({ target, businessTypeId, report: null, duplicateAction: 'skip', rowActions: {} });
  void inspect();
}

/** Records: which business type the rows become; its own fields join the mapping. */
export function setBusinessType(businessTypeId: string): void {
  patch({ businessTypeId, report: null });
  void inspect();
}

export function setRead(read: Partial<ReadOptions>): void {
  patch({ read: { ...get().read, ...read }, headerRow: null });
  void inspect();
}

export function setMapping(column: string, field: string | null): void {
  patch({ mapping: { ...get().mapping, [column]: field }, report: null });
}

/** What blocks the check: the customer name (or, for contacts, the contact's name and customer) must be mapped. */
export function mappingProblem(s: ImportState = get()): string | null {
  const fields = new Set(Object.values(s.mapping));
  if (s.target === 'orders') return missingFields('orders', s.mapping).length > 0 ? t('imp.mapping.needOrder') : null;
  if (s.target === 'products') return fields.has('name') ? null : t('imp.mapping.needProductName');
  if (s.target === 'receipts') {
    const linked = fields.has('customer') || fields.has('customerCode') || fields.has('orderNo');
    return fields.has('receiptDate') && fields.has('amount') && linked ? null : t('imp.mapping.needReceipt');
  }
  if (s.target === 'records') {
    if (!s.businessTypeId) return t('imp.mapping.needType');
    return fields.has('customer') || fields.has('customerCode') ? null : t('imp.mapping.needRecordCustomer');
  }
  if (!fields.has('name')) return t(s.target === 'customers' ? 'imp.mapping.needName' : 'imp.mapping.needContactName');
  if (s.target === 'contacts' && !fields.has('customer') && !fields.has('customerCode')) return t('imp.mapping.needCustomer');
  return null;
}

export async function loadTemplates(target: ImportTarget): Promise<MappingTemplate[]> {
  return api.import.templates({ target });
}

/** Applies a saved template: columns whose header it knows get its field, others keep theirs. */
export function applyTemplate(template: MappingTemplate): void {
  const headers = get().inspection?.headers ?? [];
  const mapping = { ...get().mapping };
  // Record templates are shared by all business types: fields of another type are left out.
  const known = new Set(targetFields(get().target, get().inspection?.customFields ?? []));
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    const field = template.mapping[key] ?? null;
    if (Object.hasOwn(template.mapping, key) && (field === null || known.has(field))) mapping[String(i)] = field;
  });
  patch({ mapping, report: null });
}

export async function saveTemplate(name: string): Promise<void> {
  const s = get();
  await api.import.saveTemplate({ name, target: s.target, headers: s.inspection?.headers ?? [], mapping: s.mapping });
}

async function startJob(kind: 'check' | 'run'): Promise<void> {
  const s = get();
  if (!s.file || s.job) return;
  const now = Date.now();
  patch({
    job: { kind, jobId: null, done: 0, total: 0, phase: '', startedAt: now, phaseStartedAt: now },
    error: null,
    cancelled: false,
    ...(kind === 'run' ? { result: null } : { report: null }),
  });
  try {
    const input = { fileToken: s.file.fileToken, settings: { ...currentSettings(s) } };
    const { jobId } = kind === 'check' ? await api.import.check(input) : await api.import.run(input);
    const job = get().job;
    if (job && job.jobId === null) patch({ job: { ...job, jobId } });
  } catch (err) {
    patch({ job: null, error: errorText(t, err) });
  }
}

export const startCheck = () => startJob('check');
export const startRun = () => startJob('run');

export async function cancelImportJob(): Promise<void> {
  const jobId = get().job?.jobId;
  if (!jobId) return;
  try {
    await api.jobs.cancel({ jobId });
  } catch (err) {
    patch({ error: errorText(t, err) });
  }
}

/** A failed import job in the user's words. */
function jobErrorText(error: { code: string; message: string; details?: unknown }): string {
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as {
    fields?: Record<string, string>;
    invalid?: number;
  };
  if (error.code === 'VALIDATION' && details.fields?.rows === 'invalidRows') return t('imp.error.invalidRows', { n: details.invalid ?? 0 });
  if (error.code === 'VALIDATION' && details.fields?.mapping === 'nameRequired') return t('imp.mapping.needName');
  if (error.code === 'VALIDATION' && details.fields?.mapping === 'receiptRequired') return t('imp.mapping.needReceipt');
  if (error.code === 'VALIDATION' && details.fields?.mapping === 'customerRequired') return t('imp.mapping.needRecordCustomer');
  if (error.code === 'VALIDATION' && details.fields?.mapping === 'columnsRequired')
    return t(get().target === 'products' ? 'imp.mapping.needProductName' : 'imp.mapping.needOrder');
  return apiErrorText(t, error);
}

/** Follows this wizard's job on main's event stream. */
export function handleImportEvent(event: KecardEvent): void {
  const job = get().job;
  if (!job || (event.type !== 'job.progress' && event.type !== 'job.finished')) return;
  if (event.kind !== 'import' || (job.jobId !== null && job.jobId !== event.jobId)) return;
  if (event.type === 'job.progress') {
    const phaseStartedAt = event.phase === job.phase ? job.phaseStartedAt : Date.now();
    patch({ job: { ...job, jobId: event.jobId, done: event.done, total: event.total, phase: event.phase, phaseStartedAt } });
    return;
  }
  if (event.cancelled) {
    patch({ job: null, cancelled: true });
    return;
  }
  if (!event.ok) {
    patch({ job: null, error: event.error ? jobErrorText(event.error) : t('error.INTERNAL', { message: '' }) });
    return;
  }
  const report = asReport(event.result);
  if (job.kind === 'check') patch({ job: null, report });
  else {
    patch({ job: null, result: report });
    useDataVersion.getState().bump(['customer', 'contact', 'department', 'order', 'receipt', 'product', 'businessRecord'], undefined);
  }
}

/** Saves the check's problems as an xlsx, with headers, field names and problems translated. */
export async function saveErrorReport(): Promise<void> {
  const s = get();
  const report = s.report;
  if (!report) return;
  const customFields = s.inspection?.customFields ?? [];
  const problems = report.problems.slice(0, 5000).map((p) => ({
    row: p.row,
    field: importFieldLabel(t, s.target, p.field, customFields),
    code: problemText(t, p.code),
    value: p.value,
  }));
  try {
    const res = await api.import.errorReport({
      fileName: report.fileName,
      problems,
      headers: { row: t('imp.report.row'), field: t('imp.report.field'), code: t('imp.report.problem'), value: t('imp.report.value') },
    });
    downloadBase64(res.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', res.fileName);
  } catch (err) {
    patch({ error: errorText(t, err) });
  }
}
