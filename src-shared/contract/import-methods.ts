import { z } from 'zod';
import { customField } from '../domain/custom-fields';
import { defineMethod } from './define-method';
import { IMPORT_TARGETS, importSettings } from '../import/import-settings';
import { jobStarted, workspaceInfo } from './methods-base';

const ok = z.object({ ok: z.literal(true) });
const fileToken = z.string().regex(/^[0-9a-f]{32}$/);

/** The wizard's settings (src-shared/import/import-settings.ts); the report arrives in job.finished's result as an ImportReport. */
export const importSettingsInput = importSettings;

export const inspection = z.object({
  format: z.enum(['xlsx', 'xls', 'text']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheets: z.array(z.string()),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  suggested: z.record(z.string(), z.string().nullable()),
  customFields: z.array(customField),
});

export const backupInfo = z.object({
  file: z.string(),
  takenAt: z.string(),
  reason: z.enum(['scheduled', 'manual', 'import', 'bulk', 'migration', 'restore']),
  bytes: z.number().int(),
  /** Written under the workspace key; a plain one is readable by anyone holding the file. */
  encrypted: z.boolean(),
});

export const rowProblem = z.object({ row: z.number().int(), field: z.string(), code: z.string(), value: z.string() });

export const importMethods = {
  /** Electron: a native file dialog. Browser shell: `native: false`, and the page uploads to /api/upload. */
  'import.chooseFile': defineMethod({
    input: z.object({}).strict(),
    output: z.object({ native: z.boolean(), fileToken: z.string().nullable(), fileName: z.string().nullable() }),
    permission: 'write',
    local: true,
  }),
  'import.inspect': defineMethod({
    input: z
      .object({
        fileToken,
        target: z.enum(IMPORT_TARGETS),
        /** Records: the business type whose fields the columns are matched to. */
        businessTypeId: z.string().trim().min(1).max(64).optional(),
        read: z
          .object({
            encoding: z.enum(['auto', 'utf8', 'gb18030', 'utf16le']).optional(),
            delimiter: z.enum(['auto', ',', '\t', ';']).optional(),
            sheet: z.string().max(100).optional(),
          })
          .strict()
          .optional(),
        /** The user's header row (1-based) instead of the detected one. */
        headerRow: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    output: inspection,
    permission: 'write',
  }),
  /** Runs the whole check (dry run) as a job; the report arrives in job.finished's result. */
  /** Ends the inspections of this file still reading (the 取消 beside 正在读取文件); they answer JOB_CANCELLED. */
  'import.cancelInspect': defineMethod({ input: z.object({ fileToken }).strict(), output: ok, permission: 'write' }),
  'import.check': defineMethod({ input: z.object({ fileToken, settings: importSettingsInput }).strict(), output: jobStarted, permission: 'write' }),
  /** Imports as a job in one transaction, after a backup; the report arrives in job.finished's result. */
  'import.run': defineMethod({ input: z.object({ fileToken, settings: importSettingsInput }).strict(), output: jobStarted, permission: 'write' }),
  'import.errorReport': defineMethod({
    input: z
      .object({ fileName: z.string().max(200), problems: z.array(rowProblem).max(5000), headers: z.record(z.string(), z.string()).optional() })
      .strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    permission: 'read',
  }),
  'import.templates': defineMethod({
    input: z.object({ target: z.enum(IMPORT_TARGETS).optional() }).strict(),
    output: z.array(z.object({ id: z.string(), name: z.string(), target: z.string(), mapping: z.record(z.string(), z.string().nullable()) })),
    permission: 'read',
  }),
  'import.saveTemplate': defineMethod({
    input: z
      .object({
        name: z.string().trim().min(1).max(40),
        target: z.enum(IMPORT_TARGETS),
        headers: z.array(z.string().max(200)).max(500),
        mapping: z.record(z.string(), z.string().max(60).nullable()),
      })
      .strict(),
    output: z.object({ id: z.string() }),
    permission: 'write',
  }),
  'import.deleteTemplate': defineMethod({ input: z.object({ id: z.string().max(64) }).strict(), output: ok, permission: 'write' }),

  /** The whole workspace as an xlsx workbook (a job); job.finished's result is {downloadToken, fileName, customers, contacts}. */
  'workspace.exportWorkbook': defineMethod({ input: z.object({}).strict(), output: jobStarted, permission: 'read' }),
  /**
   * Saves a produced file where the user chooses (Electron). The browser shell answers
   * `native: false`; the page then downloads GET /api/download/<downloadToken>?token=<session>.
   */
  'files.save': defineMethod({
    input: z.object({ downloadToken: fileToken }).strict(),
    output: z.object({ native: z.boolean(), saved: z.boolean() }),
    permission: 'read',
    local: true,
  }),

  'backups.list': defineMethod({
    input: z.object({ path: z.string().max(4096).optional() }).strict(),
    output: z.array(backupInfo),
    permission: 'read',
    local: true,
  }),
  'backups.create': defineMethod({ input: z.object({}).strict(), output: backupInfo, permission: 'write' }),
  'backups.restore': defineMethod({
    /**
     * `plainOk`: the user was told that a plain backup put in place of an encrypted workspace
     * leaves it unencrypted; without it that restore is refused (CONFLICT `restoresPlain`).
     */
    input: z.object({ file: z.string().max(300), path: z.string().max(4096).optional(), plainOk: z.literal(true).optional() }).strict(),
    output: workspaceInfo,
    permission: 'manage',
    local: true,
  }),
} as const;
