import { managersOnly } from '../people/managers-only';
import { refuseUnderScope } from '../people/record-scope';
import { copyFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileRequiresSignIn } from '../people/sign-in';
import { KecardError } from '../../src-shared/errors';
import { createBackup, listBackups } from '../backup/backup-service';
import { importSettings } from '../../src-shared/import/import-settings';
import { inspectHead, readHead } from '../import/inspect-source';
import { deleteMappingTemplate, listMappingTemplates, rememberedMapping, saveMappingTemplate } from '../import/mapping-templates';
import { listFields } from '../services/custom-fields/field-registry';
import { toXlsx } from '../services/export/export-table';
import { getBusinessType } from '../services/business/business-type-service';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import { HEADER_SYNONYMS } from '../../src-shared/import/header-synonyms';
import type { ImportReport, ImportSettings } from '../../src-shared/import/import-settings';
import { actorOf, appendAudit, auditJobDone } from '../people/audit-log';
import type { Handlers, RouterDeps } from './handlers';
import { localDate } from '../../src-shared/query/relative-dates';

type Names =
  | 'import.chooseFile'
  | 'import.inspect'
  | 'import.cancelInspect'
  | 'import.check'
  | 'import.run'
  | 'import.errorReport'
  | 'import.templates'
  | 'import.saveTemplate'
  | 'import.deleteTemplate'
  | 'workspace.exportWorkbook'
  | 'files.save'
  | 'backups.list'
  | 'backups.create'
  | 'backups.restore';

export function createImportHandlers({ host, jobs }: RouterDeps): Pick<Handlers, Names> {
  const ws = () => host.workspace;
  /** The inspections still reading, by file: a cancel ends those running now, not later ones. */
  const inspecting = new Map<string, Set<{ cancelled: boolean }>>();
  const startJob = (fileToken: string, raw: unknown, dryRun: boolean, ctx: Parameters<Handlers['import.run']>[1]) => {
    const file = host.staged.get(fileToken);
    const settings = importSettings.parse(raw);
    const path = ws().path;
    const jobId = jobs.start('import', path, { path: file.path, fileName: file.fileName, settings, dryRun }, ctx, (result) => {
      if (!dryRun) {
        const report = result as ImportReport;
        const written = report.written ?? { inserted: 0, updated: 0, skipped: 0 };
        auditJobDone(host, path, ctx, {
          action: 'imported',
          rowCount: written.inserted + written.updated,
          detail: { target: settings.target, fileName: file.fileName, total: report.total, ...written },
        });
        host.emit({ type: 'data.changed', entities: ['customer', 'contact', 'department', 'order', 'receipt', 'product', 'businessRecord'] });
        host.emit({ type: 'workspace.changed', info: host.info() });
      }
    });
    // An uploaded copy is deleted once the import that consumed it is done or cancelled; after a
    // failed one it stays, so the user can change the settings and run it again.
    if (!dryRun) jobs.whenSettled(jobId, ({ ok, cancelled }) => (ok || cancelled ? host.staged.release(fileToken) : undefined));
    return { jobId };
  };

  /** The custom fields a column may map to: the entity's, or for records the chosen business type's own. */
  const importCustomFields = (target: ImportSettings['target'], businessTypeId: string | undefined): CustomField[] => {
    if (target === 'customers' || target === 'contacts') return listFields(ws(), target === 'customers' ? 'customer' : 'contact');
    if (target !== 'records') return [];
    if (!businessTypeId) throw new KecardError('VALIDATION', 'Choose the business type.', { fields: { businessTypeId: 'required' } });
    const type = getBusinessType(ws(), businessTypeId);
    return listFields(ws(), 'record', { businessTypeId: type.id }).filter((f) => f.type !== 'computedTotal');
  };

  return {
    'import.chooseFile': async () => {
      const dialogs = host.options.dialogs;
      if (!dialogs?.chooseImportFile) return { native: false, fileToken: null, fileName: null };
      const path = await dialogs.chooseImportFile();
      if (!path) return { native: true, fileToken: null, fileName: null };
      return { native: true, fileToken: host.staged.stagePath(path, basename(path)), fileName: basename(path) };
    },
    'import.inspect': async ({ fileToken, target, businessTypeId, read, headerRow }) => {
      const file = host.staged.get(fileToken);
      const customFields = importCustomFields(target, businessTypeId);
      // Read once, on a reader thread with limits (main stays responsive whatever the file holds).
      const flag = { cancelled: false };
      const running = inspecting.get(fileToken) ?? new Set();
      inspecting.set(fileToken, running.add(flag));
      let head: Awaited<ReturnType<typeof readHead>>;
      try {
        head = await readHead(file.path, read ?? {}, undefined, () => flag.cancelled);
      } finally {
        running.delete(flag);
        if (running.size === 0) inspecting.delete(fileToken);
      }
      const first = inspectHead(head, target, customFields, {}, headerRow);
      const remembered = onlyKnownFields(rememberedMapping(ws(), target, first.headers), target, customFields);
      const inspection = Object.keys(remembered).length ? inspectHead(head, target, customFields, remembered, headerRow) : first;
      return {
        format: inspection.info.format,
        encoding: inspection.info.encoding,
        delimiter: inspection.info.delimiter,
        sheets: inspection.info.sheets,
        headerRow: inspection.headerRow,
        headers: inspection.headers,
        sample: inspection.sample,
        suggested: inspection.suggested,
        customFields,
      };
    },
    'import.cancelInspect': ({ fileToken }) => {
      for (const flag of inspecting.get(fileToken) ?? []) flag.cancelled = true;
      return { ok: true };
    },
    'import.check': ({ fileToken, settings }, ctx) => {
      refuseUnderScope('An import');
      return startJob(fileToken, settings, true, ctx);
    },
    'import.run': ({ fileToken, settings }, ctx) => {
      refuseUnderScope('An import');
      return startJob(fileToken, settings, false, ctx);
    },
    'import.errorReport': async ({ fileName, problems, headers }) => {
      const h = headers ?? {};
      const columns = [
        { key: 'row', header: h.row ?? '行号', kind: 'number' as const },
        { key: 'field', header: h.field ?? '字段' },
        { key: 'code', header: h.code ?? '问题' },
        { key: 'value', header: h.value ?? '原始值' },
      ];
      const buffer = await toXlsx(columns, problems, '错误报告');
      return { fileName: `${fileName.replace(/\.[^.]+$/, '')}-错误报告.xlsx`, base64: buffer.toString('base64') };
    },
    'import.templates': ({ target }) => listMappingTemplates(ws(), target),
    'import.saveTemplate': ({ name, target, headers, mapping }, ctx) => ({ id: saveMappingTemplate(ws(), ctx, name, target, headers, mapping).id }),
    'import.deleteTemplate': ({ id }, ctx) => {
      deleteMappingTemplate(ws(), ctx, id);
      return { ok: true };
    },

    'workspace.exportWorkbook': (_input, ctx) => {
      refuseUnderScope('The workbook export');
      const output = host.staged.exportPath('.xlsx');
      const fileName = `${host.workspace.identity.name}-${localDate(new Date())}.xlsx`;
      const path = ws().path;
      const jobId = jobs.start('report', path, { kind: 'workspaceWorkbook', outputPath: output }, ctx, (result) => {
        const r = result as { customers: number; contacts: number };
        auditJobDone(host, path, ctx, {
          action: 'exported',
          rowCount: r.customers,
          detail: { what: 'workspaceWorkbook', format: 'xlsx', fileName, contacts: r.contacts },
        });
        return { downloadToken: host.staged.stageDownload(output, fileName), fileName, customers: r.customers, contacts: r.contacts };
      });
      jobs.whenSettled(jobId, ({ ok }) => (ok ? undefined : host.staged.discard(output)));
      return { jobId };
    },
    'files.save': async ({ downloadToken }) => {
      const file = host.staged.get(downloadToken);
      const dialogs = host.options.dialogs;
      if (!dialogs?.chooseSavePath) return { native: false, saved: false };
      const target = await dialogs.chooseSavePath(file.fileName);
      if (!target) return { native: true, saved: false };
      copyFileSync(file.path, target);
      host.staged.release(downloadToken);
      return { native: true, saved: true };
    },
    'backups.list': ({ path }) => listBackups(path ?? ws().path),
    'backups.create': async (_input, ctx) => {
      const workspace = ws();
      const backup = await createBackup(workspace, 'manual');
      appendAudit(workspace, { action: 'backupCreated', actor: actorOf(ctx), detail: { file: backup.file } });
      return backup;
    },
    'backups.restore': async ({ file, path, plainOk }, ctx) => {
      if (!path && !host.hasWorkspace) throw new KecardError('NO_WORKSPACE', 'Name the workspace to restore.');
      // A workspace with sign-in is restored only by its manager, signed in to it (the router
      // checked the role of the open one). Another file, or none open, is not signed in to: a
      // window on the sign-in screen could otherwise close it and roll it back to before its passwords.
      const target = resolve(path ?? host.workspace.path);
      if (!(host.hasWorkspace && resolve(host.workspace.path) === target) && fileRequiresSignIn(target)) {
        throw new KecardError('FORBIDDEN', 'Open this workspace and sign in as its manager to restore it.', { reason: 'signInFirst' });
      }
      // A job's own connection would go on writing into the file being replaced.
      const writers = jobs.runningWriters;
      if (writers.length > 0)
        throw new KecardError('WORKSPACE_BUSY', 'A job is writing to the workspace; restore when it has finished.', { jobs: writers });
      // Restoring a plain backup over an encrypted workspace turns its encryption off: as
      // workspace.decrypt, a manager's decision whatever the backups area grants.
      if (plainOk) managersOnly(ctx);
      const info = await host.restoreBackup(file, path, { plainOk });
      // Written into the restored file: its trail is the backup's, up to this row (the rows written
      // since the backup stay in the replaced file only; see docs/security.md, Audit).
      if (host.hasWorkspace && resolve(host.workspace.path) === target)
        appendAudit(host.workspace, { action: 'backupRestored', actor: actorOf(ctx), detail: { file: basename(file) } });
      return info;
    },
  };
}

/** Templates of records are shared by all business types; a field another type owns is not suggested. */
function onlyKnownFields(
  mapping: Record<string, string | null>,
  target: ImportSettings['target'],
  customFields: readonly CustomField[],
): Record<string, string | null> {
  const known = new Set([...Object.keys(HEADER_SYNONYMS[target]), ...customFields.map((f) => `custom:${f.columnName}`)]);
  return Object.fromEntries(Object.entries(mapping).filter(([, field]) => field === null || known.has(field)));
}
