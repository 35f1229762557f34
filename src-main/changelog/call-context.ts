import type { Role } from '../../src-shared/domain/enums';

/** Who is calling; resolved by main from the session, never taken from a payload. */
export interface CallContext {
  userId: string;
  userName: string;
  role: Role;
}
