import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIndexState as IndexState } from '../../src-shared/contract/card-methods';
import { api, onEvent } from '../api/client';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';

/**
 * Progress of the 'index' job per field: its progress events name the field in their phase
 * ("reading:<fieldId>"). The list itself refreshes when the job finishes (job.finished bumps meta).
 */
export function useIndexProgress(): Map<string, number> {
  const [progress, setProgress] = useState<Map<string, number>>(new Map());
  useEffect(
    () =>
      onEvent((event) => {
        if (event.type === 'job.progress' && event.kind === 'index') {
          const fieldId = event.phase.split(':')[1] ?? '';
          const pct = event.total > 0 ? Math.floor((event.done / event.total) * 100) : 0;
          setProgress((p) => new Map(p).set(fieldId, event.phase.startsWith('building') ? 100 : pct));
        } else if (event.type === 'job.finished' && event.kind === 'index') setProgress(new Map());
      }),
    [],
  );
  return progress;
}

/** "Indexing… 40%" with a stop button, "not built yet" with a build button, or "built". */
export function FieldIndexState({ state, pct }: { state: IndexState; pct: number | undefined }) {
  const { t } = useTranslation();
  if (state === 'none') return null;
  const act = (work: () => Promise<unknown>) => void work().catch((err: unknown) => toast.error(errorText(t, err)));
  return (
    <span className={`index-state index-${state}`} data-testid="field-index-state" data-state={state} title={t('cards.fields.indexState.hint')}>
      {state === 'building'
        ? pct === undefined
          ? t('cards.fields.indexState.building')
          : t('cards.fields.indexState.buildingPct', { pct })
        : t(`cards.fields.indexState.${state}`)}
      {state === 'building' ? (
        <button type="button" className="link" data-testid="field-index-cancel" onClick={() => act(() => api.fields.cancelIndexing({}))}>
          {t('cards.fields.indexState.cancel')}
        </button>
      ) : null}
      {state === 'pending' ? (
        <button type="button" className="link" data-testid="field-index-build" onClick={() => act(() => api.fields.buildIndexes({}))}>
          {t('cards.fields.indexState.build')}
        </button>
      ) : null}
    </span>
  );
}
