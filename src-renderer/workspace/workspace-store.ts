import { create } from 'zustand';

export type PathPurpose = 'open' | 'create' | 'saveCopy';

export interface JobState {
  jobId: string | null;
  done: number;
  total: number;
  phase: string;
  finished: { ok: boolean; cancelled: boolean; error?: { code: string; message: string } } | null;
}

interface WorkspaceDialogsState {
  pathPurpose: PathPurpose | null;
  demoOpen: boolean;
  job: JobState | null;
  openPathDialog(purpose: PathPurpose): void;
  closePathDialog(): void;
  setDemoOpen(open: boolean): void;
  setJob(job: JobState | null): void;
  patchJob(patch: Partial<JobState>): void;
}

export const useWorkspaceDialogs = create<WorkspaceDialogsState>((set, get) => ({
  pathPurpose: null,
  demoOpen: false,
  job: null,
  openPathDialog: (purpose) => set({ pathPurpose: purpose }),
  closePathDialog: () => set({ pathPurpose: null }),
  setDemoOpen: (open) => set({ demoOpen: open }),
  setJob: (job) => set({ job }),
  patchJob(patch) {
    const job = get().job;
    if (job) set({ job: { ...job, ...patch } });
  },
}));
