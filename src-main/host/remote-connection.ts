import type { KecardEvent } from '../../src-shared/contract/events';
import type { WorkspaceInfo } from '../../src-shared/contract/methods-base';
import type { RemoteStatus } from '../../src-shared/contract/remote-methods';
import type { SessionState } from '../../src-shared/domain/people';
import type { Role } from '../../src-shared/domain/enums';
import { KecardError, type Envelope } from '../../src-shared/errors';
import { fetchHostCertificate, HostClient, isNotPaired, pairingCodeMatches } from './host-client';

// 连接同事的工作区 (issue 20): this app works on a colleague's shared workspace. The renderer is
// the same and keeps calling its own main; while connected, main answers a few calls itself (who
// is signed in, which workspace is open, the recent list, choosers) and forwards every other call
// to the host over the pinned HTTPS client. The host checks each call with this user's role and
// refuses its local-only methods with a sentence of its own. Host events reach the renderer as if
// they were this computer's. When the host cannot be reached the connection says so
// (`reconnecting`, the banner) and tries again by itself; nothing on screen is reset meanwhile,
// so what was typed into an open dialog is still there when the host is back.

export interface RemoteConnectInput {
  address: string;
  port: number;
  pairingCode: string;
  login: string;
  password: string;
}

interface RemoteUser {
  id: string;
  login: string;
  displayName: string;
  role: Role;
}

interface Connected {
  client: HostClient;
  address: string;
  port: number;
  pairingCode: string;
  /**
   * Kept in this process's memory for the connection's life (never on disk, never in the
   * renderer): the host forgets sessions when it restarts, and signing in again by itself is what
   * lets the connection come back without a dialog. Forgotten on disconnect.
   */
  login: string;
  password: string;
  user: RemoteUser;
  /** The host's own answer to workspace.info (its workspace id tells a restarted host from another file). */
  hostInfo: WorkspaceInfo;
}

/** Calls this computer answers itself while connected: they concern this computer, not the host. */
const STAY_LOCAL: ReadonlySet<string> = new Set([
  'app.info',
  'workspace.recent',
  'workspace.missing',
  'workspace.choosePath',
  'remote.status',
  'remote.connect',
  'remote.disconnect',
  'host.status',
  'host.start',
  'host.stop',
  'host.addresses',
]);

/** Opening a workspace of this computer leaves the host first. */
const LEAVE_AND_RUN_LOCALLY: ReadonlySet<string> = new Set(['workspace.open', 'workspace.openDefault', 'workspace.create']);

export interface RemoteConnectionOptions {
  /** Waits between reconnection tries (the last one repeats). */
  retryMs?: readonly number[];
  /** Passed to the HostClient (tests shorten them). */
  timeoutMs?: number;
  streamSilenceMs?: number;
}

export class RemoteConnection {
  private current: Connected | null = null;
  private phase: 'connected' | 'reconnecting' | null = null;
  private ended: RemoteStatus['ended'] = null;
  private stream: { close(): void } | null = null;
  /** Bumped by every connect and disconnect: a reconnect loop or stream of an older connection stops. */
  private generation = 0;

  constructor(
    private readonly emit: (event: KecardEvent) => void,
    private readonly options: RemoteConnectionOptions = {},
  ) {}

  get active(): boolean {
    return this.current !== null;
  }

  status(): RemoteStatus {
    const c = this.current;
    return {
      connected: c !== null,
      phase: c ? this.phase : null,
      address: c?.address ?? null,
      port: c?.port ?? null,
      pairingCode: c?.pairingCode ?? null,
      workspaceName: c?.hostInfo.name ?? null,
      user: c?.user ?? null,
      ended: c ? null : this.ended,
    };
  }

  /**
   * Pairs, signs in and switches to the host. `beforeSwitch` closes this computer's workspace
   * (and stops sharing it); it runs only once the host has accepted the sign-in, so a refused
   * connection leaves the app as it was.
   */
  async connect(input: RemoteConnectInput, beforeSwitch: () => Promise<void>): Promise<RemoteStatus> {
    const { address, port } = input;
    const cert = await fetchHostCertificate(address, port, this.options.timeoutMs ?? 5_000).catch((err: unknown) => {
      throw unreachable(err, address, port);
    });
    // Compared before anything is sent: a machine in between never sees the password.
    if (!pairingCodeMatches(cert, input.pairingCode)) {
      throw new KecardError('PAIRING_MISMATCH', 'The pairing code does not match this host’s certificate: nothing was sent.', { address, port });
    }
    const client = new HostClient({
      address,
      port,
      pinned: cert,
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
      ...(this.options.streamSilenceMs !== undefined ? { streamSilenceMs: this.options.streamSilenceMs } : {}),
    });
    const signIn = await client.signIn(input.login, input.password).catch((err: unknown) => {
      throw unreachable(err, address, port);
    });
    if (!signIn.ok) throw new KecardError(signIn.error.code, signIn.error.message, signIn.error.details);
    const hostInfo = await this.hostWorkspace(client).catch((err: unknown) => {
      throw err instanceof KecardError ? err : unreachable(err, address, port);
    });
    const who = (await client.whoAmI().catch(() => null)) ?? null;
    const user = toUser(signIn.value.user, who?.ok ? who.value.user : null);
    this.disconnect({ quiet: true });
    await beforeSwitch();
    this.generation += 1;
    const generation = this.generation;
    this.current = { client, address, port, pairingCode: cert.pairingCode, login: input.login, password: input.password, user, hostInfo };
    this.ended = null;
    this.phase = 'connected';
    try {
      await this.openStream(client, generation);
    } catch {
      // Signed in but the stream did not open: the reconnect loop takes it from here.
      this.lost(generation);
    }
    this.emit({ type: 'workspace.changed', info: this.workspaceInfo() });
    this.emitStatus();
    return this.status();
  }

  /** Back to this computer: signs out on the host (without waiting for it) and shows the start screen. */
  disconnect(options: { quiet?: boolean; ended?: RemoteStatus['ended'] } = {}): RemoteStatus {
    const c = this.current;
    if (!c) return this.status();
    this.generation += 1;
    this.current = null;
    this.phase = null;
    this.ended = options.ended ?? null;
    const stream = this.stream;
    this.stream = null;
    stream?.close();
    // A host that is gone cannot be told; its session then ends by idle time.
    void c.client.signOut().catch(() => undefined);
    if (!options.quiet) {
      this.emit({ type: 'workspace.changed', info: null });
      this.emitStatus();
    }
    return this.status();
  }

  /** The answer to this computer's window while connected; `local` runs the call here. */
  async serve(method: string, input: unknown, local: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
    const c = this.current;
    if (!c) return local();
    if (STAY_LOCAL.has(method)) return local();
    if (LEAVE_AND_RUN_LOCALLY.has(method)) {
      this.disconnect({ quiet: true });
      return local();
    }
    switch (method) {
      case 'workspace.info': {
        // Re-read while connected (the status bar's customer count follows the host's data);
        // while reconnecting, the last answer is all there is.
        if (this.phase === 'connected') {
          const fresh = await c.client.call<WorkspaceInfo | null>('workspace.info', {}).catch(() => null);
          if (fresh?.ok && fresh.value && fresh.value.workspaceId === c.hostInfo.workspaceId && this.current === c) c.hostInfo = fresh.value;
        }
        return { ok: true, value: this.workspaceInfo() };
      }
      case 'session.state':
        return { ok: true, value: this.sessionState() };
      // Signing out of a colleague's workspace is leaving it.
      case 'session.signOut':
        this.disconnect();
        return { ok: true, value: { signInRequired: false, user: null } satisfies SessionState };
      case 'workspace.close':
        this.disconnect();
        return { ok: true, value: { ok: true } };
      default:
        return this.forward(c, method, input);
    }
  }

  private async forward(c: Connected, method: string, input: unknown): Promise<Envelope<unknown>> {
    const generation = this.generation;
    if (this.phase === 'reconnecting') return unreachableEnvelope(c, 'reconnecting');
    try {
      let answer = await c.client.call(method, input);
      // The host forgot this session (restarted, or idle): the call was not served; sign in again and send it once more.
      if (!answer.ok && answer.error.code === 'UNAUTHORIZED') {
        const again = await c.client.signIn(c.login, c.password);
        if (!again.ok) {
          if (endsConnection(again.error)) this.disconnect({ ended: 'signInFailed' });
          return again;
        }
        answer = await c.client.call(method, input);
      }
      return answer;
    } catch {
      // Whether the host served a call cut off half-way is unknown: it is not sent again.
      this.lost(generation);
      return unreachableEnvelope(c, 'network');
    }
  }

  private workspaceInfo(): WorkspaceInfo {
    const c = this.current as Connected;
    return {
      ...c.hostInfo,
      // Not the host's file path: the address is what this computer knows the workspace by.
      path: `https://${c.address.includes(':') ? `[${c.address}]` : c.address}:${c.port}`,
      userName: c.user.displayName,
      role: c.user.role,
      backupPath: null,
      backupFailure: null,
    };
  }

  private sessionState(): SessionState {
    const user = (this.current as Connected).user;
    // hasPassword: a shared workspace always has passwords (the host refuses to share one without).
    return { signInRequired: true, user: { ...user, hasPassword: true } };
  }

  private async hostWorkspace(client: HostClient): Promise<WorkspaceInfo> {
    const info = await client.call<WorkspaceInfo | null>('workspace.info', {});
    if (!info.ok) throw new KecardError(info.error.code, info.error.message, info.error.details);
    if (!info.value) throw new KecardError('NO_WORKSPACE', 'The host has no workspace open.');
    return info.value;
  }

  private async openStream(client: HostClient, generation: number): Promise<void> {
    const stream = await client.events((event) => {
      if (generation === this.generation) this.emit(event);
    });
    if (generation !== this.generation) {
      stream.close();
      return;
    }
    this.stream = stream;
    void stream.closed.then(() => {
      if (this.stream !== stream) return; // closed by us
      this.stream = null;
      this.lost(generation);
    });
  }

  /** The host stopped answering: say so and try again until it answers or the user leaves. */
  private lost(generation: number): void {
    if (generation !== this.generation || this.phase !== 'connected') return;
    this.phase = 'reconnecting';
    const stream = this.stream;
    this.stream = null;
    stream?.close();
    this.emitStatus();
    void this.reconnect(generation);
  }

  private async reconnect(generation: number): Promise<void> {
    const waits = this.options.retryMs ?? [500, 1000, 2000, 3000, 5000];
    for (let attempt = 0; ; attempt += 1) {
      await new Promise((r) => setTimeout(r, waits[Math.min(attempt, waits.length - 1)]));
      const c = this.current;
      if (generation !== this.generation || !c) return;
      try {
        const who = await c.client.whoAmI();
        if (!who.ok) {
          // A restarted host has forgotten every session: sign in again with what was typed.
          const again = await c.client.signIn(c.login, c.password);
          if (!again.ok) {
            if (endsConnection(again.error)) return this.end(generation, 'signInFailed');
            continue; // tooSoon, or the host has no workspace open yet
          }
        }
        const info = await this.hostWorkspace(c.client);
        // The same address may now share another file: a colleague must never land in it unawares.
        if (info.workspaceId !== c.hostInfo.workspaceId) return this.end(generation, 'otherWorkspace');
        if (generation !== this.generation) return;
        c.hostInfo = info;
        await this.openStream(c.client, generation);
        if (generation !== this.generation) return;
        this.phase = 'connected';
        this.emitStatus();
        // Screens re-read what changed while the host was away; the path is the same, so open cards and dialogs stay.
        this.emit({ type: 'workspace.changed', info: this.workspaceInfo() });
        return;
      } catch (err) {
        // Another certificate at this address: another workspace, or someone else. Never signed in to.
        if (isNotPaired(err)) return this.end(generation, 'otherCertificate');
        // Still unreachable (or it stopped sharing for now): try again.
      }
    }
  }

  private end(generation: number, reason: NonNullable<RemoteStatus['ended']>): void {
    if (generation !== this.generation) return;
    this.disconnect({ ended: reason });
  }

  private emitStatus(): void {
    this.emit({ type: 'remote.changed', status: this.status() });
  }
}

/** A refusal that trying again will not cure: wrong password now, user disabled or locked, sharing without passwords. */
function endsConnection(error: { code: string; details?: unknown }): boolean {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  if (error.code === 'SIGN_IN_FAILED') return reason !== 'tooSoon';
  return error.code === 'FORBIDDEN';
}

function toUser(
  fromSignIn: { id: string; role: string; login?: string; displayName?: string },
  fromWho: { id: string; login: string; displayName: string; role: string } | null,
): RemoteUser {
  const u = fromWho ?? fromSignIn;
  return { id: u.id, login: u.login ?? '', displayName: u.displayName ?? u.login ?? '', role: u.role as Role };
}

function unreachable(err: unknown, address: string, port: number): KecardError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const reason = code === 'ECONNREFUSED' ? 'refused' : code === 'ETIMEDOUT' || /did not answer/.test(String(err)) ? 'timeout' : 'network';
  return new KecardError('HOST_UNREACHABLE', `The host ${address}:${port} cannot be reached.`, { address, port, reason });
}

function unreachableEnvelope(c: Connected, reason: 'reconnecting' | 'network'): Envelope<unknown> {
  return {
    ok: false,
    error: { code: 'HOST_UNREACHABLE', message: 'The host cannot be reached; reconnecting.', details: { address: c.address, port: c.port, reason } },
  };
}
