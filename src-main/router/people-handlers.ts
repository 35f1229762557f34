import { managersOnly } from '../people/managers-only';
import { createUser, listUsers, resetPassword, setOwnPassword, setUserActive, unlockUser, updateUser } from '../people/user-service';
import { decryptWorkspace, encryptionState, encryptWorkspace } from '../people/workspace-encryption';
import { deletePlainCopies, encryptPlainCopies } from '../backup/plain-copies';
import type { Handlers, RouterDeps } from './handlers';
import { getPermissionPolicy, savePermissionPolicy } from '../people/permission-policy';
import { DEFAULT_POLICY } from '../../src-shared/domain/permissions';
import { disableAndTransfer, previewTransfer } from '../people/user-transfer';

type PeopleMethod =
  | 'session.state'
  | 'session.signIn'
  | 'session.signOut'
  | 'session.recover'
  | 'account.setPassword'
  | 'users.list'
  | 'users.create'
  | 'users.update'
  | 'users.setActive'
  | 'users.resetPassword'
  | 'users.unlock'
  | 'users.transferPreview'
  | 'users.disableAndTransfer'
  | 'permissions.mine'
  | 'permissions.get'
  | 'permissions.save'
  | 'workspace.encrypt'
  | 'workspace.decrypt'
  | 'workspace.encryption'
  | 'backups.encryptPlain'
  | 'backups.deletePlain';

export function createPeopleHandlers({ host, jobs }: RouterDeps): Pick<Handlers, PeopleMethod> {
  const ws = () => host.workspace;
  return {
    'session.state': () => host.sessionState(),
    'session.signIn': ({ login, password }) => host.signIn(login, password),
    'session.signOut': () => host.signOut(),
    'session.recover': ({ login, recoveryCode, newPassword }) => host.recover(login, recoveryCode, newPassword),
    'account.setPassword': ({ currentPassword, newPassword }, ctx) => setOwnPassword(ws(), ctx, currentPassword, newPassword),

    'users.list': () => listUsers(ws()),
    'users.create': (input, ctx) => createUser(ws(), ctx, input),
    'users.update': ({ id, patch }, ctx) => updateUser(ws(), ctx, id, patch),
    'users.setActive': ({ id, active }, ctx) => {
      const user = setUserActive(ws(), ctx, id, active);
      // At once, not at the user's next call: a disabled salesperson's open window stops now.
      if (!active) host.endSessionsOf(id);
      return user;
    },
    'users.resetPassword': async ({ id, password }, ctx) => {
      const user = await resetPassword(ws(), ctx, id, password);
      if (id !== ctx.userId) host.endSessionsOf(id);
      return user;
    },
    'users.unlock': ({ id }, ctx) => unlockUser(ws(), ctx, id),
    'users.transferPreview': ({ id }) => previewTransfer(ws(), id),
    'users.disableAndTransfer': ({ id, toEmployeeId }, ctx) => {
      const result = disableAndTransfer(ws(), ctx, id, toEmployeeId);
      host.endSessionsOf(id);
      return result;
    },

    'permissions.mine': (_input, ctx) => ({ role: ctx.role, rules: host.rulesOf(ctx) }),
    'permissions.get': () => ({ policy: getPermissionPolicy(ws()), defaults: DEFAULT_POLICY }),
    // The policy decides what the adjustable roles may do: a role delegated user administration
    // must not widen its own rules, so only a manager or admin edits it.
    'permissions.save': ({ policy }, ctx) => {
      managersOnly(ctx);
      return savePermissionPolicy(ws(), ctx, policy);
    },
    // Resident workers hold the file open on connections of their own, without (or with the old)
    // key: they end first and start again, key in hand, at the next request.
    // The key and the recovery code are the file's last line of defence: a manager's (or HQ
    // admin's) alone, even where the matrix delegates 设置 to another role.
    'workspace.encrypt': async ({ password, cipher }, ctx) => {
      managersOnly(ctx);
      await jobs.dropResidents();
      return encryptWorkspace(ws(), ctx, password, cipher);
    },
    'workspace.decrypt': async ({ password }, ctx) => {
      managersOnly(ctx);
      await jobs.dropResidents();
      await decryptWorkspace(ws(), ctx, password);
      return {};
    },
    'workspace.encryption': (_input, ctx) => {
      managersOnly(ctx);
      return encryptionState(ws());
    },
    'backups.encryptPlain': ({ files }, ctx) => {
      managersOnly(ctx);
      return encryptPlainCopies(ws(), ctx, files);
    },
    'backups.deletePlain': ({ files }, ctx) => {
      managersOnly(ctx);
      return deletePlainCopies(ws(), ctx, files);
    },
  };
}
