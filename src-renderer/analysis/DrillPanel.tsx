import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useApp, useDataVersion } from '../app/app-store';
import { useCard } from '../card/card-store';
import { PromptDialog } from '../components/PromptDialog';
import { toast } from '../components/toast-store';
import { useListSettings } from '../customers/list-store';
import { useStoreSites } from '../sync/store-sites';
import { storeText } from '../sync/store-text';
import { customerColumns, type ResultSort } from '../queries/result-columns';
import { ResultTable } from '../queries/ResultTable';
import { useResultPages, type ResultRow } from '../queries/use-result-pages';
import { useAnalysis, type Drill } from './analysis-store';
import { figureColumn } from './figure-column';
import { openQuery } from './open-query';
import type { DrillResult } from './report-types';
import { useReport } from './use-report';

/**
 * The customers behind a bar, slice or cell: a 'drill' job turns the element into its customer
 * query, listed here by the query results' own list; it opens in 查询 (to see the conditions and
 * save the query) or is kept as a favourites folder. Where the report drew its customers by a
 * figure (revenue, quiet days, CLV), the list shows it first and is sorted by it, largest first.
 */
export function DrillPanel({ drill }: { drill: Drill }) {
  const { t } = useTranslation();
  const close = useAnalysis((s) => s.closeDrill);
  const sites = useStoreSites();
  const { state, run } = useReport<DrillResult>();
  // Not useData: a drill is a report job (its answer comes in job.finished), run once per drill.
  useEffect(() => void run({ kind: 'drill', target: drill.target, ...(drill.store ? { store: drill.store } : {}) }), [drill, run]);
  const definition = state.status === 'done' ? state.data.definition : null;
  const figure = state.status === 'done' ? state.data.figure : null;
  const dataVersion = useDataVersion((s) => s.customers);
  const [chosenSort, setSort] = useState<ResultSort | null>(null);
  // Memoised: a new sort object would start the pages over on every render.
  const sort = useMemo<ResultSort | null>(() => chosenSort ?? (figure ? { field: 'figure', dir: 'desc' } : null), [chosenSort, figure]);
  const pages = useResultPages(definition, 0, dataVersion, sort, figure);
  const listColumns = useListSettings((s) => s.columns);
  const columns = useMemo(() => {
    const list = customerColumns(listColumns);
    if (!figure) return list;
    // After the name, so the name stays the row's first word.
    const at = list.findIndex((c) => c.key === 'name') + 1;
    return [...list.slice(0, at), figureColumn(figure), ...list.slice(at)];
  }, [listColumns, figure]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const open = (r: ResultRow) => {
    if (r.kind !== 'customer') return;
    useApp.getState().setScreen('customers');
    void useCard.getState().open(r.row.id);
  };
  const save = async (name: string): Promise<string | null> => {
    if (!definition) return null;
    try {
      const folder = await api.favourites.createFolder({ name, entity: 'customer' });
      const res = await api.favourites.add({ folderId: folder.id, target: { definition } });
      toast.success(t('analysis.drill.saved', { name: folder.name, n: res.added }));
      setSaving(false);
      return null;
    } catch (err) {
      return errorText(t, err);
    }
  };
  const status = state.status === 'done' && pages.total === null ? 'running' : state.status;
  return (
    <div className="drill-panel" data-testid="drill-panel" data-status={status}>
      <div className="toolbar">
        <button type="button" data-testid="drill-back" onClick={close}>
          ← {t('analysis.drill.back')}
        </button>
        <span className="strong" data-testid="drill-title">
          {drill.title}
        </span>
        {drill.store ? (
          <span className="muted" data-testid="drill-store">
            {t('analysis.drillStore', { store: storeText(drill.store, sites) })}
          </span>
        ) : null}
        {pages.total !== null ? (
          <span className="toolbar-count" data-testid="drill-total" data-total={pages.total}>
            {t('analysis.drill.total', { n: pages.total.toLocaleString() })}
          </span>
        ) : null}
        <span className="toolbar-spacer" />
        <button type="button" data-testid="drill-open-query" disabled={!definition} onClick={() => definition && openQuery(definition)}>
          {t('analysis.drill.openQuery')}
        </button>
        <button type="button" className="primary" data-testid="drill-save-folder" disabled={!pages.total} onClick={() => setSaving(true)}>
          {t('analysis.drill.saveFolder')}
        </button>
      </div>
      {state.status === 'running' ? <div className="muted pad">{t('analysis.computing')}</div> : null}
      {state.status === 'error' ? <div className="banner banner-error">{state.message}</div> : null}
      {definition ? (
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
          sort={sort}
          onSort={(field) =>
            setSort({ field, dir: sort?.field === field ? (sort.dir === 'asc' ? 'desc' : 'asc') : field === 'figure' ? 'desc' : 'asc' })
          }
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
