import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { CSSProperties, ReactNode } from 'react';

interface Props {
  id: string;
  /** Extra data the collision rule reads (e.g. which list a field is in). */
  data?: Record<string, unknown>;
  /** Test id of the drag handle (`le-field-handle`, …). */
  handleTestId: string;
  handleLabel: string;
  className?: string;
  rowProps?: Record<string, string | undefined>;
  /** The row's list is re-ordered in state while dragging (layout fields): no virtual shifting. */
  live?: boolean;
  children: ReactNode;
}

/** A list row that can be dragged by its ⠿ handle; the rest of the row stays clickable and typeable. */
export function SortableRow({ id, data, handleTestId, handleLabel, className, rowProps, live = false, children }: Props) {
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging, isOver } = useSortable({
    id,
    ...(data ? { data } : {}),
  });
  const style: CSSProperties = live ? {} : { transform: CSS.Translate.toString(transform), transition };
  const classes = [className, isDragging ? 'dragging' : '', isOver ? 'drop-over' : ''].filter(Boolean).join(' ');
  return (
    <li ref={setNodeRef} style={style} className={classes || undefined} {...rowProps}>
      <button
        type="button"
        className="drag-handle"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        title={handleLabel}
        aria-label={handleLabel}
        data-testid={handleTestId}
      >
        ⠿
      </button>
      {children}
    </li>
  );
}
