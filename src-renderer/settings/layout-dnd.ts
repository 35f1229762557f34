import {
  closestCenter,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragMoveEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useState } from 'react';
import type { CardLayout, LayoutTab } from '../../src-shared/domain/card-layout';
import { mapTab, moveFieldTo, moveTo, placeField, removeField } from './layout-ops';

// Drag and drop in the layout editor. One DndContext holds the tabs, the selected tab's sections,
// their fields and the unplaced fields, so a field can be dropped into another section, onto
// another tab, or back among the unplaced ones. Ids say what they are: `tab:<key>`,
// `section:<key>`, `field:<name>`, and `zone:<section key>` for a section's field list (so an
// empty section still takes a drop). The ↑/↓ buttons stay as the keyboard path.
//
// Tabs and sections sort the usual way (rows shift while dragging, the order changes on drop).
// A field instead moves in the draft as the pointer goes (into another list, above or below the
// field it is over), so the editor's lists and the live preview always show where it would land
// and the drop only ends the drag: sorting virtually across lists that change under the pointer
// drops fields one place off.

export const UNPLACED = '__unplaced';
type Kind = 'tab' | 'section' | 'field' | 'zone';

export const dndId = (kind: Kind, key: string) => `${kind}:${key}`;

function parse(id: UniqueIdentifier): { kind: Kind | null; key: string } {
  const s = String(id);
  const i = s.indexOf(':');
  const kind = s.slice(0, i);
  return { kind: kind === 'tab' || kind === 'section' || kind === 'field' || kind === 'zone' ? kind : null, key: s.slice(i + 1) };
}

/** The section of the selected tab that holds a field, UNPLACED if no tab does, null if another tab does. */
function zoneOf(layout: CardLayout, tab: LayoutTab, field: string): string | null {
  const here = tab.sections.find((s) => s.fields.includes(field));
  if (here) return here.key;
  return layout.tabs.some((t) => t.sections.some((s) => s.fields.includes(field))) ? null : UNPLACED;
}

/**
 * Tabs only meet tabs and sections only sections. A field meets the field under the pointer, else
 * the nearest field of the list the pointer is in (an empty list itself), else a tab it is over.
 */
const collision: CollisionDetection = (args) => {
  const kind = parse(args.active.id).kind;
  const mine = args.droppableContainers.filter((c) => {
    const k = parse(c.id).kind;
    return kind === 'field' ? k === 'field' || k === 'zone' || k === 'tab' : k === kind;
  });
  if (kind !== 'field') return closestCenter({ ...args, droppableContainers: mine });
  const within = pointerWithin({ ...args, droppableContainers: mine });
  const fields = within.filter((c) => parse(c.id).kind === 'field');
  if (fields.length) return fields;
  const zone = within.find((c) => parse(c.id).kind === 'zone');
  if (zone) {
    const key = parse(zone.id).key;
    const inZone = mine.filter((c) => parse(c.id).kind === 'field' && c.data.current?.zone === key);
    return inZone.length ? closestCenter({ ...args, droppableContainers: inZone }) : [zone];
  }
  return within.filter((c) => parse(c.id).kind === 'tab');
};

interface Options {
  layout: CardLayout;
  tab: LayoutTab | undefined;
  edit(next: CardLayout): void;
  /** Fields that must stay on the layout (姓名 / 客户名称). */
  required: ReadonlySet<string>;
  labelOf(id: UniqueIdentifier): string;
  announce: {
    picked(label: string): string;
    over(label: string, target: string): string;
    dropped(label: string): string;
    cancelled(label: string): string;
  };
}

/** Sensors, collision rule and handlers of the layout editor's DndContext, and the item being dragged. */
export function useLayoutDnd({ layout, tab, edit, required, labelOf, announce }: Options) {
  const [active, setActive] = useState<UniqueIdentifier | null>(null);
  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click on a handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  /** Puts the dragged field where the pointer is: before or after the field it is over, or at the end of an empty list. */
  const followPointer = ({ active: a, over }: DragMoveEvent | DragOverEvent) => {
    const from = parse(a.id);
    if (!tab || !over || from.kind !== 'field') return;
    const to = parse(over.id);
    if (to.kind === 'field' && to.key === from.key) return;
    const source = zoneOf(layout, tab, from.key);
    const target = to.kind === 'zone' ? to.key : to.kind === 'field' ? zoneOf(layout, tab, to.key) : null;
    if (target === null) return;
    if (target === UNPLACED) {
      if (source !== UNPLACED && !required.has(from.key)) edit(removeField(layout, from.key));
      return;
    }
    const current = tab.sections.find((s) => s.key === target)?.fields ?? [];
    const others = current.filter((f) => f !== from.key);
    let index = others.length;
    if (to.kind === 'field') {
      const dragged = a.rect.current.translated;
      const below = dragged ? dragged.top + dragged.height / 2 > over.rect.top + over.rect.height / 2 : false;
      index = others.indexOf(to.key) + (below ? 1 : 0);
    }
    if (source === target && current.indexOf(from.key) === index) return;
    edit(placeField(layout, from.key, tab.key, target, index));
  };

  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    setActive(null);
    if (!over || !tab) return;
    const from = parse(a.id);
    const to = parse(over.id);
    if (from.kind === 'tab' && to.kind === 'tab') {
      const keys = layout.tabs.map((t) => t.key);
      edit({ tabs: moveTo(layout.tabs, keys.indexOf(from.key), keys.indexOf(to.key)) });
    } else if (from.kind === 'section' && to.kind === 'section') {
      const keys = tab.sections.map((s) => s.key);
      edit(mapTab(layout, tab.key, (x) => ({ ...x, sections: moveTo(x.sections, keys.indexOf(from.key), keys.indexOf(to.key)) })));
    } else if (from.kind === 'field' && to.kind === 'tab') {
      const target = layout.tabs.find((t) => t.key === to.key);
      const section = target?.sections[0];
      if (target && section && target.key !== tab.key) edit(moveFieldTo(layout, from.key, target.key, section.key));
    }
  };

  const announcements: Announcements = {
    onDragStart: ({ active: a }) => announce.picked(labelOf(a.id)),
    onDragOver: ({ active: a, over }) => (over ? announce.over(labelOf(a.id), labelOf(over.id)) : undefined),
    onDragEnd: ({ active: a }) => announce.dropped(labelOf(a.id)),
    onDragCancel: ({ active: a }) => announce.cancelled(labelOf(a.id)),
  };

  return {
    active,
    activeKind: active === null ? null : parse(active).kind,
    context: {
      sensors,
      collisionDetection: collision,
      // Lists change under the pointer while a field moves: measure the drop targets every time.
      measuring: { droppable: { strategy: MeasuringStrategy.Always } },
      // Scroll the pane only near its very edges: the rows are short and sit close together.
      autoScroll: { threshold: { x: 0, y: 0.1 } },
      onDragStart: ({ active: a }: DragStartEvent) => setActive(a.id),
      onDragMove: followPointer,
      onDragOver: followPointer,
      onDragEnd,
      onDragCancel: () => setActive(null),
      accessibility: { announcements },
    },
  };
}

/** The key an id names (`field:name` → `name`). */
export const keyOf = (id: UniqueIdentifier) => parse(id).key;
export const kindOf = (id: UniqueIdentifier) => parse(id).kind;
