import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslation } from 'react-i18next';
import type { LayoutTab } from '../../src-shared/domain/card-layout';
import { dndId } from './layout-dnd';
import { moveItem } from './layout-ops';
import { SortableRow } from './SortableRow';

type Section = LayoutTab['sections'][number];

interface Props {
  section: Section;
  index: number;
  count: number;
  tabKey: string;
  labelOf(key: string): string;
  unplaced: readonly string[];
  targets: readonly { value: string; label: string }[];
  onChange(next: Section): void;
  onMove(delta: number): void;
  onRemove(): void;
  onMoveField(field: string, target: string): void;
  /** Fields that cannot leave the layout (the name). */
  required: ReadonlySet<string>;
}

/** One section in the layout editor: label, 1–3 columns, its fields in order; drag the section or its fields by their ⠿. */
export function LayoutSectionEditor({
  section,
  index,
  count,
  tabKey,
  labelOf,
  unplaced,
  targets,
  onChange,
  onMove,
  onRemove,
  onMoveField,
  required,
}: Props) {
  const { t } = useTranslation();
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } = useSortable({
    id: dndId('section', section.key),
  });
  const { setNodeRef: setZoneRef, isOver: zoneIsOver } = useDroppable({ id: dndId('zone', section.key) });
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`le-section${isDragging ? ' dragging' : ''}`}
      data-testid="le-section"
      data-key={section.key}
      data-label={section.label}
    >
      <div className="le-section-head">
        <button
          type="button"
          className="drag-handle"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          title={t('cards.layout.dragSection')}
          aria-label={t('cards.layout.dragSection')}
          data-testid="le-section-handle"
        >
          ⠿
        </button>
        <input
          value={section.label}
          maxLength={40}
          data-testid="le-section-label"
          onChange={(e) => onChange({ ...section, label: e.target.value })}
        />
        <select
          value={section.columns}
          data-testid="le-section-columns"
          title={t('cards.layout.columns')}
          onChange={(e) => onChange({ ...section, columns: Number(e.target.value) === 1 ? 1 : Number(e.target.value) === 3 ? 3 : 2 })}
        >
          {[1, 2, 3].map((n) => (
            <option key={n} value={n}>
              {t('cards.layout.nColumns', { n })}
            </option>
          ))}
        </select>
        <button type="button" className="icon" data-testid="le-section-up" disabled={index === 0} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" className="icon" data-testid="le-section-down" disabled={index === count - 1} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" className="icon danger-icon" data-testid="le-section-remove" onClick={onRemove}>
          ✕
        </button>
      </div>
      <ul ref={setZoneRef} className={`le-fields${zoneIsOver ? ' drop-over' : ''}`} data-testid="le-section-fields" data-key={section.key}>
        <SortableContext items={section.fields.map((f) => dndId('field', f))} strategy={verticalListSortingStrategy}>
          {section.fields.map((f, i) => (
            <SortableRow
              key={f}
              id={dndId('field', f)}
              data={{ zone: section.key }}
              live
              handleTestId="le-field-handle"
              handleLabel={t('cards.layout.dragField')}
              rowProps={{ 'data-testid': 'le-field', 'data-field': f, 'data-label': labelOf(f) }}
            >
              <span className="le-field-label">{labelOf(f)}</span>
              <button
                type="button"
                className="icon"
                data-testid="le-field-up"
                disabled={i === 0}
                onClick={() => onChange({ ...section, fields: moveItem(section.fields, i, -1) })}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon"
                data-testid="le-field-down"
                disabled={i === section.fields.length - 1}
                onClick={() => onChange({ ...section, fields: moveItem(section.fields, i, 1) })}
              >
                ↓
              </button>
              <select
                value=""
                data-testid="le-field-move"
                title={t('cards.layout.moveTo')}
                onChange={(e) => e.target.value && onMoveField(f, e.target.value)}
              >
                <option value="">{t('cards.layout.moveTo')}</option>
                {targets
                  .filter((x) => x.value !== `${tabKey}/${section.key}`)
                  .map((x) => (
                    <option key={x.value} value={x.value}>
                      {x.label}
                    </option>
                  ))}
              </select>
              <button
                type="button"
                className="icon danger-icon"
                data-testid="le-field-remove"
                disabled={required.has(f)}
                onClick={() => onChange({ ...section, fields: section.fields.filter((x) => x !== f) })}
              >
                ✕
              </button>
            </SortableRow>
          ))}
        </SortableContext>
      </ul>
      {unplaced.length > 0 ? (
        <select
          value=""
          data-testid="le-add-field"
          onChange={(e) => e.target.value && onChange({ ...section, fields: [...section.fields, e.target.value] })}
        >
          <option value="">{t('cards.layout.addField')}</option>
          {unplaced.map((k) => (
            <option key={k} value={k}>
              {labelOf(k)}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}
