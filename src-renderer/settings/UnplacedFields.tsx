import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useTranslation } from 'react-i18next';
import { dndId, UNPLACED } from './layout-dnd';
import { SortableRow } from './SortableRow';

/** Fields the layout does not show: drag one into a section, or drag a placed field here to take it off. */
export function UnplacedFields({ fields, labelOf }: { fields: readonly string[]; labelOf(key: string): string }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: dndId('zone', UNPLACED) });
  return (
    <div className="le-unplaced" data-testid="le-unplaced">
      <h4>{t('cards.layout.unplaced')}</h4>
      <ul ref={setNodeRef} className={`le-fields${isOver ? ' drop-over' : ''}`}>
        <SortableContext items={fields.map((f) => dndId('field', f))} strategy={verticalListSortingStrategy}>
          {fields.map((f) => (
            <SortableRow
              key={f}
              id={dndId('field', f)}
              data={{ zone: UNPLACED }}
              live
              handleTestId="le-field-handle"
              handleLabel={t('cards.layout.dragField')}
              rowProps={{ 'data-testid': 'le-unplaced-field', 'data-field': f, 'data-label': labelOf(f) }}
            >
              <span className="le-field-label">{labelOf(f)}</span>
            </SortableRow>
          ))}
        </SortableContext>
        {fields.length === 0 ? <li className="muted le-drop-hint">{t('cards.layout.dropToRemove')}</li> : null}
      </ul>
    </div>
  );
}
