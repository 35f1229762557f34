import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useTranslation } from 'react-i18next';
import type { CardLayout } from '../../src-shared/domain/card-layout';
import { dndId } from './layout-dnd';
import { mapTab, moveItem } from './layout-ops';
import { SortableRow } from './SortableRow';

interface Props {
  layout: CardLayout;
  selected: string | undefined;
  onSelect(key: string): void;
  edit(next: CardLayout): void;
}

/** The tabs in order: drag by ⠿ or ↑/↓; a field dropped on a fields tab goes to its first section. */
export function LayoutTabsList({ layout, selected, onSelect, edit }: Props) {
  const { t } = useTranslation();
  return (
    <ul className="le-tabs">
      <SortableContext items={layout.tabs.map((tb) => dndId('tab', tb.key))} strategy={verticalListSortingStrategy}>
        {layout.tabs.map((tb, i) => (
          <SortableRow
            key={tb.key}
            id={dndId('tab', tb.key)}
            className={tb.key === selected ? 'on' : ''}
            handleTestId="le-tab-handle"
            handleLabel={t('cards.layout.dragTab')}
            rowProps={{ 'data-testid': 'le-tab', 'data-key': tb.key, 'data-label': tb.label }}
          >
            <button type="button" className="link-button" data-testid="le-tab-select" onClick={() => onSelect(tb.key)}>
              {tb.related ? t(`cards.related.${tb.related.kind}`) : t('cards.layout.fieldsTab')}
            </button>
            <input
              value={tb.label}
              maxLength={20}
              data-testid="le-tab-label"
              onChange={(e) => edit(mapTab(layout, tb.key, (x) => ({ ...x, label: e.target.value })))}
            />
            <button
              type="button"
              className="icon"
              data-testid="le-tab-up"
              disabled={i === 0}
              onClick={() => edit({ tabs: moveItem(layout.tabs, i, -1) })}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon"
              data-testid="le-tab-down"
              disabled={i === layout.tabs.length - 1}
              onClick={() => edit({ tabs: moveItem(layout.tabs, i, 1) })}
            >
              ↓
            </button>
            <button
              type="button"
              className="icon danger-icon"
              data-testid="le-tab-remove"
              disabled={layout.tabs.length === 1}
              onClick={() => edit({ tabs: layout.tabs.filter((x) => x.key !== tb.key) })}
            >
              ✕
            </button>
          </SortableRow>
        ))}
      </SortableContext>
    </ul>
  );
}
