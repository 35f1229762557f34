import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useTranslation } from 'react-i18next';
import { moveTo } from './layout-ops';
import { SortableRow } from './SortableRow';

/**
 * Choose columns and their order: ticked ones first in their order, then the rest. Ticked ones
 * are dragged by their ⠿ or moved with ↑/↓ (the keyboard path).
 */
export function ColumnsPicker(props: {
  choices: readonly { key: string; label: string }[];
  value: readonly string[];
  onChange(v: string[]): void;
  testId: string;
}) {
  const { choices, value, onChange, testId } = props;
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const byKey = new Map(choices.map((c) => [c.key, c]));
  const shown = value.filter((k) => byKey.has(k));
  const rest = choices.map((c) => c.key).filter((k) => !value.includes(k));
  const move = (key: string, d: number) => {
    const i = shown.indexOf(key);
    if (i < 0 || i + d < 0 || i + d >= shown.length) return;
    onChange(moveTo(shown, i, i + d));
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) onChange(moveTo(shown, shown.indexOf(String(active.id)), shown.indexOf(String(over.id))));
  };
  const check = (key: string, on: boolean) => (
    <label className="check">
      <input
        type="checkbox"
        checked={on}
        data-testid={`${testId}-check`}
        data-key={key}
        onChange={(e) => onChange(e.target.checked ? [...value, key] : value.filter((k) => k !== key))}
      />
      {byKey.get(key)?.label ?? key}
    </label>
  );
  return (
    <ul className="columns-picker" data-testid={testId}>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={shown} strategy={verticalListSortingStrategy}>
          {shown.map((key) => (
            <SortableRow
              key={key}
              id={key}
              className="on"
              handleTestId={`${testId}-handle`}
              handleLabel={t('cards.layout.dragColumn')}
              rowProps={{ 'data-testid': `${testId}-item`, 'data-key': key }}
            >
              {check(key, true)}
              <span>
                <button
                  type="button"
                  className="icon"
                  title={t('common.up')}
                  data-testid={`${testId}-up`}
                  data-key={key}
                  onClick={() => move(key, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon"
                  title={t('common.down')}
                  data-testid={`${testId}-down`}
                  data-key={key}
                  onClick={() => move(key, 1)}
                >
                  ↓
                </button>
              </span>
            </SortableRow>
          ))}
        </SortableContext>
      </DndContext>
      {rest.map((key) => (
        <li key={key} className="unticked" data-testid={`${testId}-item`} data-key={key}>
          {check(key, false)}
        </li>
      ))}
    </ul>
  );
}
