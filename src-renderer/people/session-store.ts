import { create } from 'zustand';
import type { SessionState } from '../../src-shared/domain/people';
import { api, onSignInRequired } from '../api/client';

/** Who this window is signed in as; re-read when the workspace changes and after sign-in/out. */
interface SessionStore {
  session: SessionState | null;
  /** The recovery code to show once (after the manager's first password, or a recovery). */
  recoveryCode: string | null;
  passwordDialog: boolean;
  set(session: SessionState | null): void;
  refresh(): Promise<void>;
  showRecoveryCode(code: string | null): void;
  openPasswordDialog(open: boolean): void;
}

export const useSession = create<SessionStore>((set) => ({
  session: null,
  recoveryCode: null,
  passwordDialog: false,
  set(session) {
    set({ session });
  },
  async refresh() {
    set({ session: await api.session.state({}) });
  },
  showRecoveryCode(code) {
    set({ recoveryCode: code });
  },
  openPasswordDialog(open) {
    set({ passwordDialog: open });
  },
}));

onSignInRequired(() => {
  void useSession
    .getState()
    .refresh()
    .catch(() => undefined);
});
