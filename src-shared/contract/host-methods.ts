import { z } from 'zod';
import { defineMethod } from './define-method';

// 共享给同事 (host mode, issue 20): the manager's app serves its open workspace to colleagues'
// apps over HTTPS. Off by default; only this computer's manager turns it on, on the address and
// port they chose (docs/host-mode.md).

/** Why the open workspace cannot be shared now. */
export const hostRefusal = z.enum(['noWorkspace', 'needsPassword']);

export const hostStatus = z.object({
  running: z.boolean(),
  /** The address and port listened on (the port the system gave when 0 was asked for). */
  address: z.string().nullable(),
  port: z.number().int().nullable(),
  /** The certificate's SHA-256 fingerprint as 4 groups of 4 characters, read out to colleagues. */
  pairingCode: z.string().nullable(),
  /** The full SHA-256 fingerprint (hex with colons), for whoever wants to check more than the code. */
  fingerprint: z.string().nullable(),
  /** Remote sign-in sessions alive now. */
  sessions: z.number().int(),
  /** Null when the workspace can be shared; otherwise why not. */
  refusal: hostRefusal.nullable(),
  /** Who is connected now: one entry per live remote session (a colleague may have two apps). */
  clients: z.array(
    z.object({
      login: z.string(),
      displayName: z.string(),
      role: z.string(),
      /** The colleague's computer as the host sees it (IP address). */
      address: z.string(),
      /** ISO times: signed in, last call. */
      since: z.string(),
      lastSeenAt: z.string(),
    }),
  ),
});
export type HostStatus = z.infer<typeof hostStatus>;

export const hostMethods = {
  'host.status': defineMethod({ input: z.object({}).strict(), output: hostStatus, permission: 'manage', local: true }),
  /** Starts sharing on `address` (an IP of this computer, never a name) and `port` (0: any free port). */
  'host.start': defineMethod({
    input: z
      .object({
        address: z.union([z.ipv4(), z.ipv6()]),
        port: z.number().int().min(0).max(65_535),
      })
      .strict(),
    output: hostStatus,
    permission: 'manage',
    local: true,
  }),
  /** This computer's IP addresses the manager may choose from (loopback first, then LAN/VPN). */
  'host.addresses': defineMethod({
    input: z.object({}).strict(),
    output: z.array(z.object({ address: z.string(), family: z.enum(['IPv4', 'IPv6']), interface: z.string(), internal: z.boolean() })),
    permission: 'manage',
    local: true,
  }),
  /** Stops sharing: every remote session ends and event streams close. */
  'host.stop': defineMethod({ input: z.object({}).strict(), output: hostStatus, permission: 'manage', local: true }),
} as const;
