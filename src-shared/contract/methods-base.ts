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
});
export type WorkspaceInfo = z.infer<typeof workspaceInfo>;

export const jobStarted = z.object({ jobId: z.string() });
