import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCard } from '../card/card-store';
import { COLUMN_WIDTH, columnTitle, renderCell } from './columns';
import { isSortable, useListSettings } from './list-store';
import type { CustomerPages } from './use-customer-pages';

export const ROW_HEIGHT = 26;

/** The list view: a virtualised table; only the rows on screen (plus a few) exist in the DOM. */
export function CustomerTable({ pages }: { pages: CustomerPages }) {
  const { t } = useTranslation();
  const columns = useListSettings((s) => s.columns);
  const sort = useListSettings((s) => s.sort);
  const toggleSort = useListSettings((s) => s.toggleSort);
  const openId = useCard((s) => s.openId);
  const open = useCard((s) => s.open);
  const bodyRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const count = pages.total ?? 0;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => {
    ensure(first, last + 1);
  }, [first, last, ensure]);

  // A new sort starts at the top.
  useEffect(() => {
    bodyRef.current?.scrollTo({ top: 0 });
  }, [sort]);

  const width = columns.reduce((w, c) => w + COLUMN_WIDTH[c], 0);
  const syncHeader = () => {
    if (headRef.current && bodyRef.current) headRef.current.scrollLeft = bodyRef.current.scrollLeft;
  };

  return (
    <div className="table" data-testid="customer-table">
      <div className="table-head" ref={headRef}>
        <div className="table-row head" style={{ width }}>
          {columns.map((col) => {
            const sortable = isSortable(col);
            const active = sort.field === col;
            return (
              <div
                key={col}
                className={`cell head-cell${sortable ? ' sortable' : ''}${active ? ' sorted' : ''}`}
                style={{ width: COLUMN_WIDTH[col] }}
                data-testid={`header-${col}`}
                data-sort={active ? sort.dir : undefined}
                title={sortable ? t('list.sortBy') : undefined}
                onClick={sortable ? () => toggleSort(col) : undefined}
              >
                <span className="head-text">{columnTitle(t, col)}</span>
                {active ? <span className="sort-arrow">{sort.dir === 'asc' ? '▲' : '▼'}</span> : null}
              </div>
            );
          })}
        </div>
      </div>
      <div className="table-body" ref={bodyRef} onScroll={syncHeader} data-testid="customer-list-body">
        {pages.total === 0 ? <div className="list-empty">{t('list.empty')}</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
          {items.map((item) => {
            const c = pages.row(item.index);
            const style = { height: ROW_HEIGHT, width, transform: `translateY(${item.start}px)` };
            if (!c) {
              return (
                <div key={item.key} className="table-row placeholder" style={style} data-testid="customer-row-loading">
                  {columns.map((col) => (
                    <div key={col} className="cell" style={{ width: COLUMN_WIDTH[col] }}>
                      <span className="skeleton" />
                    </div>
                  ))}
                </div>
              );
            }
            return (
              <div
                key={item.key}
                className={`table-row${c.id === openId ? ' selected' : ''}${item.index % 2 ? ' odd' : ''}`}
                style={style}
                data-testid="customer-row"
                data-id={c.id}
                data-index={item.index}
                onClick={() => void open(c.id)}
              >
                {columns.map((col) => (
                  <div key={col} className={`cell cell-${col}`} style={{ width: COLUMN_WIDTH[col] }}>
                    {renderCell(t, col, c)}
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
