import { z } from 'zod';
import { entityId } from './field-rules';

// The audit trail (issue 19): who signed in, administered users, exported, printed, imported,
// purged, backed up, synced or opened a list of customers. Rows are written by main only and can
// never be changed (the audit_events triggers); the 审计日志 screen reads them through audit.list.

export const AUDIT_ACTIONS = [
  'signIn',
  'signInFailed',
  'signOut',
  'recoveryUsed',
  'passwordSet',
  'userCreated',
  'userUpdated',
  'userDisabled',
  'userEnabled',
  'passwordReset',
  'userUnlocked',
  'ownerCreated',
  'permissionsChanged',
  /** 停用并移交: disabled, and their customers and open records moved to another employee. */
  'userTransferred',
  'encryptionOn',
  'encryptionOff',
  /** Plain backups of an encrypted workspace, encrypted or deleted from the encryption panel (files in detail). */
  'plainCopiesEncrypted',
  'plainCopiesDeleted',
  // Data leaving the app or bulk-read (session 15): row counts in row_count.
  'exported',
  'reportRun',
  'printed',
  'customersViewed',
  // Data coming in or going for good.
  'imported',
  'customerPurged',
  'backupCreated',
  'backupRestored',
  'syncExported',
  'syncImported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A calendar day as the user means it (their local time); main turns it into a UTC range. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'invalid' });

export const auditListInput = z
  .object({
    userId: z.string().min(1).max(100).optional(),
    from: day.optional(),
    to: day.optional(),
    customerId: entityId.optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    offset: z.number().int().min(0).max(10_000_000),
    limit: z.number().int().min(1).max(200),
  })
  .strict();
export type AuditListInput = z.infer<typeof auditListInput>;

export const auditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  /** The user's current display name, else the name written with the row (a failed sign-in's login). */
  userName: z.string(),
  /** Known actions only; an unknown one (a newer app wrote it) comes as 'unknown' with its key in detail.action. */
  action: z.string(),
  targetId: z.string().nullable(),
  /** The user acted on (administration, sign-in), by display name, when the target is a user. */
  targetName: z.string().nullable(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  rowCount: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditRow = z.infer<typeof auditRow>;

export const auditPage = z.object({ total: z.number().int(), rows: z.array(auditRow) });
export type AuditPage = z.infer<typeof auditPage>;

/** What the renderer printed (window.print) or saved itself (a report's xlsx / PNG / SVG): main only records it. */
export const auditNoteInput = z
  .object({
    what: z.enum(['print', 'reportFile']),
    /** The report kind or screen printed, e.g. 'rfm', 'pareto'. */
    subject: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9._-]+$/),
    format: z.enum(['xlsx', 'png', 'svg']).optional(),
    customerId: entityId.optional(),
    rowCount: z.number().int().min(0).max(100_000_000).optional(),
  })
  .strict();
export type AuditNoteInput = z.infer<typeof auditNoteInput>;
