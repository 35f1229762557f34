import { singletonId } from '../changelog/singleton-ids';
import type { CallContext } from '../changelog/call-context';
import { runWrite } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { insertRow, readRow, updateRow } from '../services/shared/entity-writes';
import { validate } from '../services/shared/validate';
import { DEFAULT_POLICY, permissionPolicy, rulesOf, type PermissionPolicy, type RoleRules } from '../../src-shared/domain/permissions';
import { appendAudit } from './audit-log';

// The permission matrix is workspace data like the lifecycle rules: one logged settings row, so
// its history is in the change log and an HQ network carries it like any shared setting.

const KEY = 'permissions';

/** The last parsed policy per workspace and the stored text it came from: the router asks on every call. */
const parsed = new WeakMap<Workspace, { text: string | null; policy: PermissionPolicy }>();

export function getPermissionPolicy(ws: Workspace): PermissionPolicy {
  const row = ws.db.prepare('SELECT value FROM app_settings WHERE key = ? AND deleted = 0').get(KEY) as { value: string } | undefined;
  const text = row?.value ?? null;
  const cached = parsed.get(ws);
  if (cached && cached.text === text) return cached.policy;
  // A stored policy that no longer parses (a newer app wrote more) falls back to the defaults per
  // role rather than opening everything or locking everyone out.
  const result = text === null ? null : permissionPolicy.safeParse(JSON.parse(text));
  const policy = result?.success ? result.data : DEFAULT_POLICY;
  parsed.set(ws, { text, policy });
  return policy;
}

export function rulesFor(ws: Workspace, ctx: CallContext): RoleRules {
  return rulesOf(getPermissionPolicy(ws), ctx.role);
}

export function savePermissionPolicy(ws: Workspace, ctx: CallContext, input: unknown): PermissionPolicy {
  const policy = validate(permissionPolicy, input);
  runWrite(ws, ctx, (tx) => {
    const existing = tx.ws.db.prepare('SELECT id FROM app_settings WHERE key = ? AND deleted = 0').get(KEY) as { id: string } | undefined;
    if (existing) updateRow(tx, 'setting', null, readRow(tx, 'setting', existing.id) as Record<string, unknown>, { value: policy });
    else insertRow(tx, 'setting', null, singletonId('setting', KEY), { key: KEY, value: policy });
    appendAudit(tx.ws, { action: 'permissionsChanged', actor: { userId: ctx.userId, userName: ctx.userName } });
  });
  return policy;
}
