import { useCallback, useMemo, useState } from 'react';
import { useCan } from '../people/session-store';
import { useTranslation } from 'react-i18next';
import type { QueryDefinition } from '../../src-shared/query/query-tree';
import { ApiCallError } from '../api/client';
import { errorText } from '../api/errors';
import { useApp, useDataVersion } from '../app/app-store';
import { useCard } from '../card/card-store';
import { toast } from '../components/toast-store';
import { useListSettings } from '../customers/list-store';
import { BulkDialog } from './BulkDialog';
import { exportResult, type ExportRun } from './export-result';
import { GroupedResults } from './GroupedResults';
import { useQueriesData } from './queries-data';
import { contactColumns, customerColumns, type ResultSort, type ResultSortField } from './result-columns';
import { ResultTable } from './ResultTable';
import { useResultPages, type ResultRow } from './use-result-pages';
import { useChangeVersion } from './use-change-version';

interface Props {
  definition: QueryDefinition;
  runSeq: number;
  title: string;
}

/** 查询结果: the list or the grouped totals of the last run, with bulk actions and export. */
export function ResultsPanel({ definition, runSeq, title }: Props) {
  const { t } = useTranslation();
  const canExport = useCan('export', 'read');
  const canBulk = useCan('customers', 'write');
  const customersVersion = useDataVersion((s) => s.customers);
  const favouritesVersion = useChangeVersion(['favouriteItem']);
  const dataVersion = customersVersion + favouritesVersion;
  // The order belongs to the entity listed: customer and contact results sort by different columns.
  const [sortOf, setSortOf] = useState<{ entity: QueryDefinition['entity']; sort: ResultSort } | null>(null);
  const sort = sortOf?.entity === definition.entity ? sortOf.sort : null;
  const onSort = useCallback(
    (field: ResultSortField) =>
      setSortOf({ entity: definition.entity, sort: { field, dir: sort?.field === field && sort.dir === 'asc' ? 'desc' : 'asc' } }),
    [definition.entity, sort],
  );
  const pages = useResultPages(definition, runSeq, dataVersion, sort);
  const listColumns = useListSettings((s) => s.columns);
  const columns = useMemo(
    () => (definition.entity === 'customer' ? customerColumns(listColumns) : contactColumns()),
    [definition.entity, listColumns],
  );
  const [view, setView] = useState<'list' | 'groups'>('list');
  // The selection belongs to one run: a new run starts with nothing selected.
  const [selection, setSelection] = useState<{ seq: number; ids: Set<string> }>({ seq: runSeq, ids: new Set() });
  const selected = useMemo(() => (selection.seq === runSeq ? selection.ids : new Set<string>()), [selection, runSeq]);
  const setSelected = useCallback((ids: Set<string>) => setSelection({ seq: runSeq, ids }), [runSeq]);
  const [bulk, setBulk] = useState(false);
  const [exporting, setExporting] = useState<{ run: ExportRun; done: number; total: number } | null>(null);
  const showGroups = view === 'groups' && definition.entity === 'customer';

  const toggle = useCallback(
    (id: string) => {
      setSelection((s) => {
        const next = new Set(s.seq === runSeq ? s.ids : []);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return { seq: runSeq, ids: next };
      });
    },
    [runSeq],
  );
  const open = useCallback((r: ResultRow) => {
    useApp.getState().setScreen('customers');
    void useCard.getState().open(r.kind === 'customer' ? r.row.id : r.row.customerId);
  }, []);
  const doExport = async (format: 'xlsx' | 'csv') => {
    const run = exportResult(definition, columns, format, title || t('exporting.fileName'), (done, all) =>
      setExporting((e) => (e ? { ...e, done, total: all } : e)),
    );
    setExporting({ run, done: 0, total: 0 });
    try {
      const res = await run.result;
      if (res.saved) toast.success(t('exporting.done', { n: res.rows, file: res.fileName }));
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'JOB_CANCELLED') toast.info(t('exporting.cancelled'));
      else toast.error(errorText(t, err));
    } finally {
      setExporting(null);
    }
  };
  const total = pages.total ?? 0;

  return (
    <section className="qb-results" data-testid="query-results">
      <div className="toolbar">
        <strong>{t('results.title')}</strong>
        <span className="toolbar-count" data-testid="result-total" data-count={pages.total ?? ''}>
          {pages.total === null ? t('common.loading') : t('results.total', { n: total.toLocaleString() })}
        </span>
        {definition.entity === 'customer' ? (
          <div className="segmented" role="group">
            <button
              type="button"
              className={view === 'list' ? 'on' : ''}
              aria-pressed={view === 'list'}
              data-testid="result-view-list"
              onClick={() => setView('list')}
            >
              {t('results.viewList')}
            </button>
            <button
              type="button"
              className={view === 'groups' ? 'on' : ''}
              aria-pressed={view === 'groups'}
              data-testid="result-view-groups"
              onClick={() => setView('groups')}
            >
              {t('results.viewGroups')}
            </button>
          </div>
        ) : null}
        {selected.size > 0 ? (
          <>
            <span className="muted" data-testid="result-selected" data-count={selected.size}>
              {t('results.selected', { n: selected.size })}
            </span>
            <button type="button" className="link" data-testid="result-clear-selection" onClick={() => setSelected(new Set())}>
              {t('results.clearSelection')}
            </button>
          </>
        ) : null}
        <span className="toolbar-spacer" />
        {canBulk ? (
          <button type="button" data-testid="bulk-open" disabled={total === 0} onClick={() => setBulk(true)}>
            {t('bulk.button')}
          </button>
        ) : null}
        {exporting ? (
          <span className="export-progress" data-testid="export-progress" data-done={exporting.done} data-total={exporting.total}>
            <progress max={exporting.total || 1} value={exporting.done} />
            {t('exporting.progress', { done: exporting.done.toLocaleString(), total: exporting.total.toLocaleString() })}
            <button type="button" className="link" data-testid="export-cancel" onClick={() => exporting.run.cancel()}>
              {t('common.cancel')}
            </button>
          </span>
        ) : null}
        {canExport ? (
          <button type="button" data-testid="export-xlsx" disabled={total === 0 || exporting !== null} onClick={() => void doExport('xlsx')}>
            {t('exporting.xlsx')}
          </button>
        ) : null}
        {canExport ? (
          <button type="button" data-testid="export-csv" disabled={total === 0 || exporting !== null} onClick={() => void doExport('csv')}>
            {t('exporting.csv')}
          </button>
        ) : null}
      </div>
      {showGroups ? (
        <GroupedResults definition={definition} />
      ) : (
        <ResultTable pages={pages} columns={columns} selected={selected} onToggle={toggle} onOpen={open} sort={sort} onSort={onSort} />
      )}
      {bulk ? (
        <BulkDialog
          definition={definition}
          total={total}
          selectedIds={[...selected]}
          onClose={() => setBulk(false)}
          onDone={() => {
            setBulk(false);
            setSelected(new Set());
            void useQueriesData.getState().loadFolders();
          }}
        />
      ) : null}
    </section>
  );
}
