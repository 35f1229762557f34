import type { JobMessage, JobWorkerData } from './job-protocol';

// Messages between the job runner and a resident worker (one long-lived worker serving many jobs
// of one workspace, see JobRunner.startResident).

export type ResidentRequest =
  | ({ type: 'job'; jobId: string } & Omit<JobWorkerData, 'workspacePath'>)
  /** Read what later jobs will need, ahead of them (after a large workspace opens). */
  | { type: 'warm' };

export interface ResidentResponse {
  jobId: string;
  msg: JobMessage;
}
