import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerListColumn } from '../../src-shared/domain/customer';
import { useCard } from '../card/card-store';
import { COLUMN_WIDTH, columnTitle, renderCell } from './columns';
import { isSortable, useListSettings } from './list-store';
import type { CustomerPages } from './use-customer-pages';

export const ROW_HEIGHT = 26;

/** The list view: a virtualised table; only the rows on screen (plus a few) exist in the DOM. */
export function CustomerTable({ pages }: { pages: CustomerPages }) {
  const { t } = useTranslation();
  const chosen = useListSettings((s) => s.columns);
  const cardOpen = useCard((s) => s.openId !== null || s.isNew);
  // Beside an open card the list is narrow: the name comes first so it is what stays in view.
  const columns = useMemo(() => (cardOpen ? nameFirst(chosen) : chosen), [cardOpen, chosen]);
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
  const offset = virtualizer.scrollOffset ?? 0;
  const viewport = virtualizer.scrollRect?.height ?? 0;
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

  // Opening a card scrolls the list back to its first (name) column.
  useEffect(() => {
    if (!cardOpen || !bodyRef.current) return;
    bodyRef.current.scrollLeft = 0;
    if (headRef.current) headRef.current.scrollLeft = 0;
  }, [cardOpen]);

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
          {/* The rows live in a pinned layer with small local offsets: painted at 26M px they would drift. */}
          <div className="virtual-window" style={{ height: viewport, width }}>
            {items.map((item) => (
              <CustomerRow
                key={item.key}
                index={item.index}
                top={item.start - offset}
                width={width}
                columns={columns}
                customer={pages.row(item.index)}
                selected={pages.row(item.index)?.id === openId}
                onOpen={open}
              />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

function nameFirst(columns: CustomerListColumn[]): CustomerListColumn[] {
  return ['name', ...columns.filter((c) => c !== 'name')];
}

interface RowProps {
  index: number;
  /** Offset from the top of the visible window (the pinned layer), not from the top of the list. */
  top: number;
  width: number;
  columns: CustomerListColumn[];
  customer: Customer | undefined;
  selected: boolean;
  onOpen(id: string): Promise<void>;
}

/** One row; memoised so scrolling re-renders only the rows that enter the view. */
const CustomerRow = memo(function CustomerRow({ index, top, width, columns, customer: c, selected, onOpen }: RowProps) {
  const { t } = useTranslation();
  const style = { height: ROW_HEIGHT, width, top };
  if (!c) {
    return (
      <div className="table-row placeholder" style={style} data-testid="customer-row-loading" data-index={index}>
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
      className={`table-row${selected ? ' selected' : ''}${index % 2 ? ' odd' : ''}`}
      style={style}
      data-testid="customer-row"
      data-id={c.id}
      data-index={index}
      onClick={() => void onOpen(c.id)}
    >
      {columns.map((col) => (
        <div key={col} className={`cell cell-${col}`} style={{ width: COLUMN_WIDTH[col] }}>
          {renderCell(t, col, c)}
        </div>
      ))}
    </div>
  );
});
