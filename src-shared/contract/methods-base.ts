import { z } from 'zod';
import { ROLES } from '../domain/enums';

// Shapes several method groups return; kept apart from methods.ts so the groups can import them.

export const workspaceInfo = z.object({
  path: z.string(),
  name: z.string(),
  siteId: z.string(),
  workspaceId: z.string(),
  schemaVersion: z.number().int(),
  customerCount: z.number().int(),
  userName: z.string(),
  role: z.enum(ROLES),
  backupPath: z.string().nullable(),
  /** Opened read-only beside the Kecard that holds it (以只读方式打开): every save is refused. */
  readOnly: z.boolean().optional(),
  /** The last automatic backup of this workspace failed (until one succeeds): the status bar keeps saying so. */
  backupFailure: z
    .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional(), at: z.string() })
    .nullable(),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfo>;

export const jobStarted = z.object({ jobId: z.string() });
