import i18next from 'i18next';
import { useCallback, useState } from 'react';
import { errorText } from '../api/errors';

/**
 * One button's call: busy while it runs, its failure in words (shown beside the button, the
 * screen's data unchanged). Returns the action's result, or undefined when it failed.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (err) {
      setError(errorText(i18next.t.bind(i18next), err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
