import { create } from 'zustand';

export type PathPurpose = 'open' | 'create' | 'saveCopy';
export type DemoTarget = 'newWorkspace' | 'current';

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
  /** Where the demo dialog puts its data unless the user changes it: a new demo workspace by default. */
  demoTarget: DemoTarget;
  job: JobState | null;
  openPathDialog(purpose: PathPurpose): void;
  closePathDialog(): void;
  setDemoOpen(open: boolean, target?: DemoTarget): void;
  setJob(job: JobState | null): void;
  patchJob(patch: Partial<JobState>): void;
}

export const useWorkspaceDialogs = create<WorkspaceDialogsState>((set, get) => ({
  pathPurpose: null,
  demoOpen: false,
  demoTarget: 'newWorkspace',
  job: null,
  openPathDialog: (purpose) => set({ pathPurpose: purpose }),
  closePathDialog: () => set({ pathPurpose: null }),
  setDemoOpen: (open, target = 'newWorkspace') => set({ demoOpen: open, demoTarget: target }),
  setJob: (job) => set({ job }),
  patchJob(patch) {
    const job = get().job;
    if (job) set({ job: { ...job, ...patch } });
  },
}));
