import { KecardError } from '../../src-shared/errors';

/**
 * What a long analysis write (applying a scheme or the lifecycle rules to 1M customers: tens of
 * seconds) reports to its job: progress, and whether the user cancelled. Cancelling throws inside
 * the write's transaction, so nothing of it is kept.
 */
export interface ApplyHooks {
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}

const EVERY = 5_000;

/** Call with each item's index; checks for cancel and reports progress every few thousand items. */
export function applySteps(hooks: ApplyHooks, total: number): (i: number) => void {
  return (i) => {
    if (i % EVERY !== 0) return;
    if (hooks.isCancelled?.()) throw new KecardError('JOB_CANCELLED', 'Cancelled; nothing was changed.');
    hooks.onProgress?.(i, total);
  };
}
