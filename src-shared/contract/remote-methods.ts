import { z } from 'zod';
import { ROLES } from '../domain/enums';
import { defineMethod } from './define-method';

// 连接同事的工作区 (issue 20, the client side of host mode): this app works on a colleague's shared
// workspace. The renderer keeps calling its own main; main forwards each call to the host over the
// pinned HTTPS connection (src-main/host/remote-connection.ts). These methods are this computer's
// own: they are never forwarded, and a host refuses them from its own clients.

/** Where the connection stands: `reconnecting` while the host cannot be reached (the banner). */
export const remotePhase = z.enum(['connected', 'reconnecting']);

export const remoteStatus = z.object({
  connected: z.boolean(),
  phase: remotePhase.nullable(),
  address: z.string().nullable(),
  port: z.number().int().nullable(),
  pairingCode: z.string().nullable(),
  /** The shared workspace's name on the host. */
  workspaceName: z.string().nullable(),
  user: z.object({ id: z.string(), login: z.string(), displayName: z.string(), role: z.enum(ROLES) }).nullable(),
  /**
   * Why the last connection ended by itself: the password no longer works (changed, user
   * disabled), the address now shares another workspace, or presents another certificate (another
   * workspace, or someone else) — trying again would not help, so the app returns to the start.
   */
  ended: z.enum(['signInFailed', 'otherWorkspace', 'otherCertificate']).nullable(),
});
export type RemoteStatus = z.infer<typeof remoteStatus>;

/** An IP literal or a host name, as the colleague typed it (no scheme, no port). */
const hostAddress = z
  .string()
  .trim()
  .min(1, { error: 'required' })
  .max(253)
  .regex(/^[A-Za-z0-9.:_-]+$/, { error: 'address' });

export const remoteMethods = {
  'remote.status': defineMethod({ input: z.object({}).strict(), output: remoteStatus, permission: 'read', signedOut: true, local: true }),
  /**
   * Fetches the host's certificate, compares its pairing code with `pairingCode` (refused with
   * PAIRING_MISMATCH, before any password leaves this computer), signs in as `login` and switches
   * this app to the host's workspace (the local one is closed).
   */
  'remote.connect': defineMethod({
    input: z
      .object({
        address: hostAddress,
        port: z.number().int().min(1).max(65_535),
        pairingCode: z.string().trim().min(1, { error: 'required' }).max(40),
        login: z.string().trim().min(1, { error: 'required' }).max(40),
        password: z.string().min(1, { error: 'required' }).max(200),
      })
      .strict(),
    output: remoteStatus,
    permission: 'read',
    signedOut: true,
    local: true,
  }),
  /** Signs out on the host and returns to the start screen. */
  'remote.disconnect': defineMethod({ input: z.object({}).strict(), output: remoteStatus, permission: 'read', signedOut: true, local: true }),
} as const;
