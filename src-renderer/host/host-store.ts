import i18next from 'i18next';
import { create } from 'zustand';
import type { RemoteStatus } from '../../src-shared/contract/remote-methods';
import { api } from '../api/client';
import { toast } from '../components/toast-store';

/** What the connect dialog starts with (from a workspace lock naming a sharing holder). */
export interface ConnectPrefill {
  address?: string;
  port?: number;
  pairingCode?: string;
  /** Who holds the file, said above the form. */
  holder?: string;
}

/** 连接同事的工作区: this app's connection to a colleague's host, and the connect dialog. */
interface HostUiState {
  remote: RemoteStatus | null;
  connect: ConnectPrefill | null;
  setRemote(status: RemoteStatus): void;
  refreshRemote(): Promise<void>;
  openConnect(prefill?: ConnectPrefill): void;
  closeConnect(): void;
}

export const useHostUi = create<HostUiState>((set, get) => ({
  remote: null,
  connect: null,
  setRemote(status) {
    const before = get().remote;
    set({ remote: status });
    const t = i18next.t.bind(i18next);
    // Ended by itself (not by the user): say why, the start screen alone would not.
    if (!status.connected && status.ended && before?.connected) toast.error(t(`remote.ended.${status.ended}`));
    if (status.phase === 'connected' && before?.phase === 'reconnecting') toast.success(t('remote.back'));
  },
  async refreshRemote() {
    set({ remote: await api.remote.status({}) });
  },
  openConnect(prefill = {}) {
    set({ connect: prefill });
  },
  closeConnect() {
    set({ connect: null });
  },
}));

/** Whether this window works on a colleague's workspace now. */
export function useRemoteConnected(): boolean {
  return useHostUi((s) => s.remote?.connected === true);
}
