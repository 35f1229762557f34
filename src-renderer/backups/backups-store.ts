import { create } from 'zustand';
import type { MethodOutput } from '../../src-shared/contract/methods';

export type BackupInfo = MethodOutput<'backups.list'>[number];

export interface CorruptWorkspace {
  path: string;
  message: string;
  backups: BackupInfo[];
}

interface BackupsState {
  /** 备份与恢复 dialog for the open workspace. */
  open: boolean;
  /** A workspace that failed to open as damaged, with the backups that can replace it. */
  corrupt: CorruptWorkspace | null;
  set(patch: Partial<Pick<BackupsState, 'open' | 'corrupt'>>): void;
}

export const useBackups = create<BackupsState>((set) => ({
  open: false,
  corrupt: null,
  set: (patch) => set(patch),
}));
