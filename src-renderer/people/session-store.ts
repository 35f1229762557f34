import { create } from 'zustand';
import type { SessionState } from '../../src-shared/domain/people';
import { allows, fieldAccess, type Area, type FieldAccess, type MyAccess, type Permission } from '../../src-shared/domain/permissions';
import { api, onSignInRequired } from '../api/client';

/** Who this window is signed in as; re-read when the workspace changes and after sign-in/out. */
interface SessionStore {
  session: SessionState | null;
  /** The signed-in user's rules (permissions.mine), to hide what they cannot do; main checks regardless. */
  access: MyAccess | null;
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
  access: null,
  recoveryCode: null,
  passwordDialog: false,
  set(session) {
    set({ session });
    void loadAccess(session);
  },
  async refresh() {
    const session = await api.session.state({});
    set({ session });
    await loadAccess(session);
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

async function loadAccess(session: SessionState | null): Promise<void> {
  // A signed-out window has no rules to read (and the call would be refused).
  const signedIn = session !== null && (session.user !== null || !session.signInRequired);
  const access = signedIn ? await api.permissions.mine({}).catch(() => null) : null;
  useSession.setState({ access });
}

/** Whether the signed-in user may do this (false until their rules are read). */
export function useCan(area: Area, permission: Permission): boolean {
  return useSession((s) => s.access !== null && allows(s.access.rules, area, permission));
}

/** useCan outside React (commands from shortcuts and Electron's own menu). */
export function canNow(area: Area, permission: Permission): boolean {
  const access = useSession.getState().access;
  return access !== null && allows(access.rules, area, permission);
}

/** useCan for one business type's records, whose level may differ from the 业务 area's. */
export function useCanBusiness(typeId: string, permission: Permission): boolean {
  return useSession((s) => s.access !== null && allows(s.access.rules, 'business', permission, typeId));
}

/**
 * The signed-in user's rule per field key (`customer.<field>`, `contact.<field>`, `custom.<fieldId>`):
 * the card shows a hidden field not at all and a masked or read-only one locked. Until the rules are
 * read every field is editable, as main decides anyway.
 */
export function useFieldAccess(): (key: string) => FieldAccess {
  const access = useSession((s) => s.access);
  return (key) => (access ? fieldAccess(access.rules, key) : 'editable');
}

/** useFieldAccess outside React (the card's save builds its patch in the store). */
export function fieldAccessNow(key: string): FieldAccess {
  const access = useSession.getState().access;
  return access ? fieldAccess(access.rules, key) : 'editable';
}
