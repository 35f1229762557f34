import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useApp } from '../app/app-store';
import { useCard } from '../card/card-store';
import { PromptDialog } from '../components/PromptDialog';
import { toast } from '../components/toast-store';
import { useListSettings } from '../customers/list-store';
import { customerColumns } from '../queries/result-columns';
import { ResultTable } from '../queries/ResultTable';
import type { ResultRow } from '../queries/use-result-pages';
import { useAnalysis, type Drill } from './analysis-store';
import { openCustomerQuery } from './open-query';
import type { DrillResult } from './report-types';
import { useDrillPages } from './use-drill-pages';
import { useReport } from './use-report';

/** The customers behind a bar, slice or cell: computed by a 'drill' job, listed, kept as a favourites folder or opened. */
export function DrillPanel({ drill }: { drill: Drill }) {
  const { t } = useTranslation();
  const close = useAnalysis((s) => s.closeDrill);
  const { state, run } = useReport<DrillResult>();
  useEffect(() => void run({ kind: 'drill', target: drill.target }), [drill, run]);
  const ids = state.status === 'done' ? state.data.ids : null;
  const pages = useDrillPages(ids);
  const listColumns = useListSettings((s) => s.columns);
  const columns = useMemo(() => customerColumns(listColumns), [listColumns]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const open = (r: ResultRow) => {
    if (r.kind !== 'customer') return;
    useApp.getState().setScreen('customers');
    void useCard.getState().open(r.row.id);
  };
  const save = async (name: string): Promise<string | null> => {
    if (!ids || ids.length === 0) return null;
    try {
      const folder = await api.favourites.createFolder({ name, entity: 'customer' });
      const res = await api.favourites.add({ folderId: folder.id, target: { ids: [...ids] } });
      toast.success(t('analysis.drill.saved', { name: folder.name, n: res.added }));
      setSaving(false);
      return null;
    } catch (err) {
      return errorText(t, err);
    }
  };
  return (
    <div className="drill-panel" data-testid="drill-panel" data-status={state.status}>
      <div className="toolbar">
        <button type="button" data-testid="drill-back" onClick={close}>
          ← {t('analysis.drill.back')}
        </button>
        <span className="strong" data-testid="drill-title">
          {drill.title}
        </span>
        {state.status === 'done' ? (
          <span className="toolbar-count" data-testid="drill-total" data-total={state.data.total}>
            {t('analysis.drill.total', { n: state.data.total })}
            {state.data.ids.length < state.data.total ? ` ${t('analysis.drill.shown', { n: state.data.ids.length })}` : ''}
          </span>
        ) : null}
        <span className="toolbar-spacer" />
        {drill.classKey ? (
          <button type="button" data-testid="drill-open-query" onClick={() => openCustomerQuery('customerClass', drill.classKey ?? '')}>
            {t('analysis.drill.openQuery')}
          </button>
        ) : null}
        <button type="button" className="primary" data-testid="drill-save-folder" disabled={!ids || ids.length === 0} onClick={() => setSaving(true)}>
          {t('analysis.drill.saveFolder')}
        </button>
      </div>
      {state.status === 'running' ? <div className="muted pad">{t('analysis.computing')}</div> : null}
      {state.status === 'error' ? <div className="banner banner-error">{state.message}</div> : null}
      {ids ? (
        <ResultTable
          pages={pages}
          columns={columns}
          selected={selected}
          onToggle={(id) => {
            const next = new Set(selected);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            setSelected(next);
          }}
          onOpen={open}
        />
      ) : null}
      {saving ? (
        <PromptDialog
          title={t('analysis.drill.saveFolder')}
          label={t('analysis.drill.folderName')}
          initial={drill.title.slice(0, 60)}
          testId="drill-folder-dialog"
          onSubmit={save}
          onClose={() => setSaving(false)}
        />
      ) : null}
    </div>
  );
}
