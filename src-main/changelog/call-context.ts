import type { Role } from '../../src-shared/domain/enums';

/** Who is calling; resolved by main from the session, never taken from a payload. */
export interface CallContext {
  userId: string;
  userName: string;
  role: Role;
  /**
   * The sign-in session the call came through (people/sessions.ts). Absent for work that is not a
   * person's call: tests, a worker replaying its job's user, the owner of a one-person CLI run.
   */
  sessionId?: string;
  /** 'local': this computer's window, shell or CLI; 'remote' is for host mode (issue 20). */
  origin?: 'local' | 'remote';
  /** Nobody is signed in (the sign-in screen): the router serves only `signedOut` methods. */
  signedOut?: true;
}
