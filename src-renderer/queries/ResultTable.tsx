import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultColumn, ResultSort, ResultSortField } from './result-columns';
import type { ResultPages, ResultRow } from './use-result-pages';

const ROW_HEIGHT = 26;
const CHECK_WIDTH = 40;

interface Props {
  pages: ResultPages;
  columns: ResultColumn[];
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  onOpen(row: ResultRow): void;
  /** The list's order; headers of sortable columns switch it when there is `onSort`. */
  sort?: ResultSort | null;
  onSort?(field: ResultSortField): void;
}

/** The result list: a virtualised table with a check box per row for bulk actions. */
export function ResultTable({ pages, columns, selected, onToggle, onOpen, sort = null, onSort }: Props) {
  const { t } = useTranslation();
  const bodyRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: pages.total ?? 0,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => ensure(first, last + 1), [first, last, ensure]);
  const width = CHECK_WIDTH + columns.reduce((w, c) => w + c.width, 0);

  return (
    <div className="table qb-table" data-testid="result-table">
      <div className="table-head" ref={headRef}>
        <div className="table-row head" style={{ width }}>
          <div className="cell head-cell" style={{ width: CHECK_WIDTH }} />
          {columns.map((c) => {
            const field = onSort ? c.sortField : undefined;
            const active = field !== undefined && sort?.field === field;
            return (
              <div
                key={c.key}
                className={`cell head-cell${field ? ' sortable' : ''}${active ? ' sorted' : ''}`}
                style={{ width: c.width }}
                data-testid={`result-header-${c.key}`}
                data-sort={active ? sort.dir : undefined}
                title={field ? t('list.sortBy') : undefined}
                onClick={field && onSort ? () => onSort(field) : undefined}
              >
                <span className="head-text">{c.title(t)}</span>
                {active ? <span className="sort-arrow">{sort.dir === 'asc' ? '▲' : '▼'}</span> : null}
              </div>
            );
          })}
        </div>
      </div>
      <div
        className="table-body"
        ref={bodyRef}
        data-testid="result-body"
        onScroll={() => {
          if (headRef.current && bodyRef.current) headRef.current.scrollLeft = bodyRef.current.scrollLeft;
        }}
      >
        {pages.total === 0 ? (
          <div className="list-empty" data-testid="result-empty">
            {t('results.empty')}
          </div>
        ) : null}
        <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
          {items.map((item) => {
            const r = pages.row(item.index);
            const style = { height: ROW_HEIGHT, width, top: item.start, position: 'absolute' as const };
            if (!r) {
              return <div key={item.key} className="table-row placeholder" style={style} data-testid="result-row-loading" />;
            }
            const on = selected.has(r.row.id);
            return (
              <div
                key={item.key}
                className={`table-row${on ? ' selected' : ''}${item.index % 2 ? ' odd' : ''}`}
                style={style}
                data-testid="result-row"
                data-id={r.row.id}
                data-index={item.index}
                data-name={r.row.name}
                title={t('results.openCard')}
                onDoubleClick={() => onOpen(r)}
              >
                <div className="cell" style={{ width: CHECK_WIDTH }}>
                  <input
                    type="checkbox"
                    checked={on}
                    aria-label={t('results.select')}
                    data-testid="result-select"
                    onChange={() => onToggle(r.row.id)}
                  />
                </div>
                {columns.map((c) => (
                  <div key={c.key} className={`cell cell-${c.key}`} style={{ width: c.width }}>
                    {c.cell(t, r)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
