import { KecardError } from '../../src-shared/errors';

/** The KecardError `fn` refuses with; anything else thrown, or nothing, fails the test. */
export function refusal(fn: () => unknown): KecardError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KecardError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}
