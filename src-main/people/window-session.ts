import type { SessionState } from '../../src-shared/domain/people';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import { appendAudit } from './audit-log';
import type { SessionStore } from './sessions';
import { recoverWithCode, signIn, signInRequired } from './sign-in';
import { ensureOwner } from './user-service';
import { getUserRow, type UserRow } from './user-rows';

/** The context of a window whose workspace asks for sign-in and nobody has signed in yet. */
export const SIGNED_OUT: CallContext = Object.freeze({ userId: '', userName: '', role: 'viewer', origin: 'local', signedOut: true });

/**
 * Who one client (the Electron window, the browser shell's session, a CLI run) is signed in as.
 * Resolved afresh for every call from the users row: a role change applies at once, a disabled
 * user is signed out at their next call. A one-person workspace without a password signs its
 * owner in by itself.
 */
export class WindowSession {
  private sessionId: string | null = null;

  constructor(
    readonly sessions: SessionStore,
    private readonly osUserName: string,
    private readonly origin: 'local' | 'remote' = 'local',
  ) {}

  /** The context for a call on `ws`. */
  context(ws: Workspace): CallContext {
    const user = this.currentUser(ws);
    if (!user) return SIGNED_OUT;
    return { userId: user.id, userName: user.display_name, role: user.role, sessionId: this.sessionId as string, origin: this.origin };
  }

  state(ws: Workspace): SessionState {
    const user = this.currentUser(ws);
    return {
      signInRequired: signInRequired(ws),
      user: user
        ? { id: user.id, login: user.login, displayName: user.display_name, role: user.role, hasPassword: user.password_hash !== null }
        : null,
    };
  }

  async signIn(ws: Workspace, login: string, password: string): Promise<SessionState> {
    const user = await signIn(ws, login, password);
    this.begin(ws, user);
    return this.state(ws);
  }

  async recover(ws: Workspace, login: string, code: string, password: string): Promise<SessionState & { recoveryCode: string }> {
    const { user, recoveryCode } = await recoverWithCode(ws, login, code, password);
    this.begin(ws, user);
    return { ...this.state(ws), recoveryCode };
  }

  signOut(ws: Workspace | null): void {
    if (this.sessionId === null) return;
    const session = this.sessions.use(this.sessionId);
    if (ws && session) {
      const user = getUserRow(ws, session.userId);
      appendAudit(ws, { action: 'signOut', actor: { userId: session.userId, userName: user?.display_name ?? '' }, targetId: session.userId });
    }
    this.sessions.end(this.sessionId);
    this.sessionId = null;
  }

  /** A workspace was closed or another opened: its session does not carry over. */
  forget(): void {
    if (this.sessionId !== null) this.sessions.end(this.sessionId);
    this.sessionId = null;
  }

  private begin(ws: Workspace, user: UserRow): void {
    this.forget();
    this.sessionId = this.sessions.start(user.id, ws.identity.workspaceId, this.origin).id;
  }

  private currentUser(ws: Workspace): UserRow | null {
    if (this.sessionId !== null) {
      const session = this.sessions.use(this.sessionId);
      const user = session && session.workspaceId === ws.identity.workspaceId ? getUserRow(ws, session.userId) : undefined;
      if (user && user.active === 1) return user;
      this.forget(); // ended, idle too long, or the user was disabled or removed
    }
    if (signInRequired(ws)) return null;
    // One person, no password: the owner, signed in without asking.
    const owner = ensureOwner(ws, this.osUserName);
    if (owner.active !== 1) return null;
    this.begin(ws, owner);
    return owner;
  }
}
