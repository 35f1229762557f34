import { z } from 'zod';
import { newPassword, sessionState, transferCounts, userCreateInput, userPatch, userSummary } from '../domain/people';
import { entityId } from '../domain/field-rules';
import { defineMethod } from './define-method';
import { myAccess, permissionPolicy } from '../domain/permissions';
import { backupInfo } from './import-methods';

const byId = z.object({ id: entityId }).strict();
/** A password as typed at sign-in: not checked for length (an old short one must still be refused by the hash, not the form). */
const typedPassword = z.string().max(200);
/** Set only when a new recovery code was made: shown once, never again. */
const recoveryShown = z.object({ recoveryCode: z.string().nullable() });

export const encryptionState = z.object({
  encrypted: z.boolean(),
  cipher: z.enum(['chacha20', 'sqlcipher']).nullable(),
  path: z.string(),
  /** `<file>.keys`: must travel with every copy of the file, or no password opens the copy. */
  keysFile: z.string(),
  /** Backups that are plain SQLite (only listed while the workspace is encrypted). */
  plainCopies: z.array(backupInfo),
});
export type EncryptionState = z.infer<typeof encryptionState>;

/** Backup file names (as backups.list gives them). */
const plainFiles = z.object({ files: z.array(z.string().min(1).max(300)).min(1).max(1000) }).strict();

// `signedOut: true` methods are the only ones the router serves while nobody is signed in.
export const peopleMethods = {
  'session.state': defineMethod({ input: z.object({}).strict(), output: sessionState, permission: 'read', signedOut: true, local: true }),
  'session.signIn': defineMethod({
    input: z.object({ login: z.string().trim().min(1).max(40), password: typedPassword }).strict(),
    output: sessionState,
    permission: 'read',
    local: true,
    signedOut: true,
  }),
  /** 退出登录 / 切换用户: the window goes back to the sign-in screen (a one-person workspace signs its owner in again). */
  'session.signOut': defineMethod({ input: z.object({}).strict(), output: sessionState, permission: 'read', signedOut: true, local: true }),
  /** A lost manager password: the recovery code sets a new one (and is replaced by a new code). */
  'session.recover': defineMethod({
    input: z.object({ login: z.string().trim().min(1).max(40), recoveryCode: z.string().max(64), newPassword }).strict(),
    output: sessionState.extend(recoveryShown.shape),
    permission: 'read',
    local: true,
    signedOut: true,
  }),
  /** 设置密码 for oneself; the current password is required once one is set. */
  'account.setPassword': defineMethod({
    input: z.object({ currentPassword: typedPassword.optional(), newPassword }).strict(),
    output: recoveryShown,
    permission: 'read',
  }),

  'users.list': defineMethod({ input: z.object({}).strict(), output: z.array(userSummary), permission: 'manage' }),
  'users.create': defineMethod({ input: userCreateInput, output: userSummary, permission: 'manage' }),
  'users.update': defineMethod({ input: z.object({ id: entityId, patch: userPatch }).strict(), output: userSummary, permission: 'manage' }),
  /** Disabling ends the user's sessions at once; the last active manager cannot be disabled. */
  'users.setActive': defineMethod({ input: z.object({ id: entityId, active: z.boolean() }).strict(), output: userSummary, permission: 'manage' }),
  'users.resetPassword': defineMethod({
    input: z.object({ id: entityId, password: newPassword }).strict(),
    output: userSummary,
    permission: 'manage',
  }),
  'users.unlock': defineMethod({ input: byId, output: userSummary, permission: 'manage' }),
  /** 停用并移交: how many customers, open orders and open business records would move (the confirmation's numbers). */
  'users.transferPreview': defineMethod({ input: byId, output: transferCounts, permission: 'manage' }),
  /**
   * A salesperson leaves: disables the user (their sessions end) and moves their linked employee's
   * customers, open orders and open business records to `toEmployeeId`, in one logged transaction.
   */
  'users.disableAndTransfer': defineMethod({
    input: z.object({ id: entityId, toEmployeeId: entityId }).strict(),
    output: z.object({ user: userSummary, moved: transferCounts }),
    permission: 'manage',
  }),

  /** The caller's own rules: the renderer hides what they cannot do (main checks every call regardless). */
  'permissions.mine': defineMethod({ input: z.object({}).strict(), output: myAccess, permission: 'read' }),
  /** 权限设置: the adjustable roles' rules (manager and admin always hold everything). */
  'permissions.get': defineMethod({
    input: z.object({}).strict(),
    output: z.object({ policy: permissionPolicy, defaults: permissionPolicy }),
    permission: 'manage',
  }),
  'permissions.save': defineMethod({ input: z.object({ policy: permissionPolicy }).strict(), output: permissionPolicy, permission: 'manage' }),

  /**
   * Encryption at rest (issue 19): the file is rewritten encrypted under a new random key, which
   * the manager's password (asked again) and a new recovery code — shown once — unwrap.
   */
  'workspace.encrypt': defineMethod({
    input: z.object({ password: typedPassword, cipher: z.enum(['chacha20', 'sqlcipher']).optional() }).strict(),
    output: z.object({ recoveryCode: z.string() }),
    permission: 'manage',
    // Rewrites the host's file and its keys file, and holds its main thread: at that computer only.
    local: true,
  }),
  /** Back to a plain file (its keys file removed); the manager's password is asked again. */
  'workspace.decrypt': defineMethod({
    input: z.object({ password: typedPassword }).strict(),
    output: z.object({}),
    permission: 'manage',
    local: true,
  }),
  /** 数据加密 in 设置: whether the open file is encrypted, where it and its keys file are, and its plain backups. */
  'workspace.encryption': defineMethod({ input: z.object({}).strict(), output: encryptionState, permission: 'manage', local: true }),
  /** Plain backups of an encrypted workspace (review finding 9): rewritten under its key, each with its keys file. */
  'backups.encryptPlain': defineMethod({ input: plainFiles, output: z.array(backupInfo), permission: 'manage', local: true }),
  /** …or deleted, when the user would rather not keep them. Only plain backups of this workspace are accepted. */
  'backups.deletePlain': defineMethod({ input: plainFiles, output: z.array(backupInfo), permission: 'manage', local: true }),
} as const;
