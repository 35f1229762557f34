import { randomUUID } from 'node:crypto';

// Sign-in sessions of this process. A session names a user of one workspace; every call resolves
// it again against the users row (people/call-identity.ts), so a user disabled by anyone — another
// window, the CLI — loses the session at its next call, and one disabled here loses it at once.

/** A window left alone this long asks for the password again. */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;

export interface Session {
  id: string;
  userId: string;
  workspaceId: string;
  origin: 'local' | 'remote';
  startedAt: number;
  lastSeenAt: number;
  /** Idle time after which it ends (host-mode sessions end sooner than this computer's window). */
  idleMs: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly idleMs: number = SESSION_IDLE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  start(userId: string, workspaceId: string, origin: 'local' | 'remote' = 'local', idleMs: number = this.idleMs): Session {
    const now = this.clock();
    const session: Session = { id: randomUUID(), userId, workspaceId, origin, startedAt: now, lastSeenAt: now, idleMs };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session (touched), or undefined when ended or idle too long. */
  use(id: string): Session | undefined {
    const session = this.peek(id);
    if (session) session.lastSeenAt = this.clock();
    return session;
  }

  /** The live session without touching it (an open event stream is not activity). */
  peek(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (this.clock() - session.lastSeenAt > session.idleMs) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  /** Live sessions of one origin (host mode counts its colleagues). */
  count(origin: 'local' | 'remote'): number {
    let n = 0;
    for (const session of this.sessions.values()) if (session.origin === origin && this.peek(session.id)) n += 1;
    return n;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session of the user (disabled, or their password reset); returns how many. */
  endForUser(userId: string): number {
    let ended = 0;
    for (const [id, session] of this.sessions) {
      if (session.userId === userId) {
        this.sessions.delete(id);
        ended += 1;
      }
    }
    return ended;
  }

  get size(): number {
    return this.sessions.size;
  }
}
