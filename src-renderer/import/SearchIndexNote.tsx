import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from '../api/client';

/**
 * After a large import, the background 'index' job writes the new customers' quick-search
 * documents (phase 'search'); this line says how far it is, so nobody wonders why a pinyin
 * abbreviation does not find a customer yet.
 */
export function SearchIndexNote() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ pct: number } | 'ready' | null>(null);
  useEffect(
    () =>
      onEvent((event) => {
        if (event.type === 'job.progress' && event.kind === 'index' && event.phase === 'search') {
          setState({ pct: event.total > 0 ? Math.floor((event.done / event.total) * 100) : 0 });
        } else if (event.type === 'job.finished' && event.kind === 'index') setState((s) => (s === null ? s : 'ready'));
      }),
    [],
  );
  if (state === null) return null;
  return (
    <div className="banner banner-info" data-testid="import-search-index" data-state={state === 'ready' ? 'ready' : 'indexing'}>
      {state === 'ready' ? t('imp.run.searchReady') : t('imp.run.searchIndexing', { pct: state.pct })}
    </div>
  );
}
