import { z } from 'zod';
import { auditListInput, auditNoteInput, auditPage } from '../domain/audit';
import { defineMethod } from './define-method';

export const auditMethods = {
  /** 审计日志 (users area, manage): newest first, filtered by user, local days, customer and action. */
  'audit.list': defineMethod({ input: auditListInput, output: auditPage, permission: 'manage' }),
  /**
   * A print or a report file the renderer made itself: main records who, what and how many rows.
   * It appends one row of its own kinds only ('printed', 'exported'); it cannot write anything else.
   */
  'audit.noteOutput': defineMethod({ input: auditNoteInput, output: z.object({ ok: z.literal(true) }), permission: 'read' }),
} as const;
