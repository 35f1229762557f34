import type { BundleRefusal } from '../../../src-shared/domain/sync-bundle';
import { KecardError } from '../../../src-shared/errors';

/** A bundle (or part) that is refused: BUNDLE_INVALID with the reason the UI words (error.BUNDLE_INVALID_<reason>). */
export function refuse(reason: BundleRefusal, message: string, extra: Record<string, unknown> = {}): KecardError {
  return new KecardError('BUNDLE_INVALID', message, { ...extra, reason });
}

export function isRefusal(err: unknown): err is KecardError {
  return err instanceof KecardError && err.code === 'BUNDLE_INVALID';
}
