import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_LIST_COLUMNS, type CustomerListColumn } from '../../src-shared/domain/customer';
import { columnTitle } from './columns';
import { useListSettings } from './list-store';
import { useStoreSites } from '../sync/store-sites';

/** Shown columns first in their order, then the hidden ones; ticks show/hide, arrows reorder. */
export function ColumnChooser({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const columns = useListSettings((s) => s.columns);
  const setColumns = useListSettings((s) => s.setColumns);
  const resetColumns = useListSettings((s) => s.resetColumns);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    const id = window.setTimeout(() => document.addEventListener('mousedown', onDown), 0);
    document.addEventListener('keydown', onKey);
    return () => {
      window.clearTimeout(id);
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  // 门店 is offered only in a sync network.
  const inNetwork = useStoreSites().length > 0;
  const hidden = CUSTOMER_LIST_COLUMNS.filter((c) => !columns.includes(c) && (c !== 'storeCode' || inNetwork));
  const toggle = (col: CustomerListColumn) => setColumns(columns.includes(col) ? columns.filter((c) => c !== col) : [...columns, col]);
  const move = (col: CustomerListColumn, delta: number) => {
    const i = columns.indexOf(col);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= columns.length) return;
    const next = [...columns];
    next[i] = columns[j] ?? col;
    next[j] = col;
    setColumns(next);
  };

  return (
    <div className="popover column-chooser" ref={ref} data-testid="column-chooser-panel">
      <div className="popover-title">{t('list.chooseColumns')}</div>
      <div className="column-list">
        {[...columns, ...hidden].map((col) => {
          const shown = columns.includes(col);
          return (
            <div key={col} className={`column-option${shown ? '' : ' hidden-col'}`}>
              <label>
                <input
                  type="checkbox"
                  checked={shown}
                  disabled={shown && columns.length === 1}
                  data-testid={`column-option-${col}`}
                  onChange={() => toggle(col)}
                />
                {columnTitle(t, col)}
              </label>
              {shown ? (
                <span className="column-move">
                  <button type="button" className="icon" title={t('common.up')} data-testid={`column-up-${col}`} onClick={() => move(col, -1)}>
                    ↑
                  </button>
                  <button type="button" className="icon" title={t('common.down')} data-testid={`column-down-${col}`} onClick={() => move(col, 1)}>
                    ↓
                  </button>
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      <div className="popover-footer">
        <button type="button" data-testid="column-reset" onClick={resetColumns}>
          {t('common.reset')}
        </button>
        <button type="button" className="primary" data-testid="column-done" onClick={onClose}>
          {t('common.ok')}
        </button>
      </div>
    </div>
  );
}
