import type { HostStatus } from '../../src-shared/contract/host-methods';
import type { KecardEvent } from '../../src-shared/contract/events';
import { KecardError } from '../../src-shared/errors';
import { signInRequired } from '../people/sign-in';
import { getUserRow } from '../people/user-rows';
import type { Workspace } from '../db/workspace';
import type { Dispatch } from '../router/router';
import type { AppHost } from '../workspace/app-host';
import { ensureHostCertificate } from './host-certificate';
import { startHostServer, type HostServer } from './host-server';

export interface HostModeOptions {
  /** Remote sessions' idle time (tests shorten it). */
  idleMs?: number;
  signInLimit?: { tries: number; windowMs: number };
}

/**
 * 共享给同事 of this app: at most one host server, for the workspace open when it started. It
 * stops by itself when that workspace is closed or another is opened — a colleague must never
 * find themselves in a different file than the one the manager shared.
 */
export class HostMode {
  private server: HostServer | null = null;
  private workspaceId: string | null = null;
  private identity: { fingerprint: string; pairingCode: string } | null = null;

  constructor(
    private readonly app: AppHost,
    private readonly dispatch: () => Dispatch,
    private readonly options: HostModeOptions = {},
  ) {}

  status(): HostStatus {
    return {
      running: this.server !== null,
      address: this.server?.address ?? null,
      port: this.server?.port ?? null,
      pairingCode: this.identity?.pairingCode ?? null,
      fingerprint: this.identity?.fingerprint ?? null,
      sessions: this.server ? this.app.sessions.count('remote') : 0,
      refusal: this.refusal(),
      clients: this.clients(),
    };
  }

  /** Who is connected, named from the users rows (a user renamed meanwhile shows the new name). */
  private clients(): HostStatus['clients'] {
    if (!this.server || !this.app.hasWorkspace) return [];
    let ws: Workspace;
    try {
      ws = this.app.workspace;
    } catch {
      return [];
    }
    return this.server.clients().map((c) => {
      const user = getUserRow(ws, c.userId);
      return {
        login: user?.login ?? '',
        displayName: user?.display_name ?? '',
        role: user?.role ?? '',
        address: c.address.replace(/^::ffff:/, ''),
        since: new Date(c.startedAt).toISOString(),
        lastSeenAt: new Date(c.lastSeenAt).toISOString(),
      };
    });
  }

  async start(address: string, port: number): Promise<HostStatus> {
    const refusal = this.refusal();
    if (refusal === 'noWorkspace') throw new KecardError('NO_WORKSPACE', 'No workspace is open.');
    if (refusal === 'needsPassword') {
      throw new KecardError('FORBIDDEN', 'Set a password first: a workspace without passwords cannot be shared.', { reason: 'needsPassword' });
    }
    await this.stop();
    const ws = this.app.workspace;
    const identity = await ensureHostCertificate(this.app.options.dataDir, ws.identity.workspaceId);
    const workspaceId = ws.identity.workspaceId;
    try {
      this.server = await startHostServer({
        address,
        port,
        cert: identity.cert,
        key: identity.key,
        dispatch: (method, input, ctx) => this.dispatch()(method, input, ctx),
        workspace: () => (this.app.hasWorkspace && this.app.workspace.identity.workspaceId === workspaceId ? this.app.workspace : null),
        sessions: this.app.sessions,
        ...(this.options.idleMs !== undefined ? { idleMs: this.options.idleMs } : {}),
        ...(this.options.signInLimit ? { signInLimit: this.options.signInLimit } : {}),
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') {
        throw new KecardError('CONFLICT', 'This address or port cannot be used for sharing.', { reason: code, address, port });
      }
      throw err;
    }
    this.workspaceId = workspaceId;
    this.identity = { fingerprint: identity.fingerprint, pairingCode: identity.pairingCode };
    this.noteInLock(ws, { address: this.server.address, port: this.server.port, pairingCode: identity.pairingCode });
    return this.status();
  }

  async stop(): Promise<HostStatus> {
    const server = this.server;
    if (server && this.currentId() === this.workspaceId) this.noteInLock(this.app.workspace, null);
    this.server = null;
    this.workspaceId = null;
    this.identity = null;
    if (server) await server.close();
    return this.status();
  }

  /** Every event of this app: forwarded to the colleagues' streams; a workspace change stops sharing. */
  observe(event: KecardEvent): void {
    if (!this.server) return;
    if (event.type === 'workspace.changed') {
      const stillShared = this.app.hasWorkspace && this.app.workspacePath !== null && this.currentId() === this.workspaceId;
      if (!stillShared) void this.stop();
      return;
    }
    this.server.broadcast(event);
  }

  /** A second app opening the file learns from its lock where to connect instead (workspace-lock.ts). */
  private noteInLock(ws: Workspace, hosting: { address: string; port: number; pairingCode: string } | null): void {
    try {
      ws.setLockHosting(hosting);
    } catch (err) {
      // Sharing works without it; only the second opener's offer to connect is missing.
      console.error('[kecard] could not note sharing in the workspace lock', err);
    }
  }

  private currentId(): string | null {
    try {
      return this.app.workspace.identity.workspaceId;
    } catch {
      return null; // being restored: not the same file any more
    }
  }

  private refusal(): HostStatus['refusal'] {
    if (!this.app.hasWorkspace) return 'noWorkspace';
    try {
      return signInRequired(this.app.workspace) ? null : 'needsPassword';
    } catch {
      return 'noWorkspace';
    }
  }
}
