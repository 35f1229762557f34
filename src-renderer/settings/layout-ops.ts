import type { CardLayout, LayoutTab, RelatedList } from '../../src-shared/domain/card-layout';
import { recordsTabKey } from '../../src-shared/domain/default-card-layout';

type Section = LayoutTab['sections'][number];

export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const next = [...list];
  const to = index + delta;
  if (index < 0 || to < 0 || to >= next.length) return next;
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function mapTab(layout: CardLayout, key: string, fn: (tab: LayoutTab) => LayoutTab): CardLayout {
  return { tabs: layout.tabs.map((t) => (t.key === key ? fn(t) : t)) };
}

export function mapSection(layout: CardLayout, tabKey: string, sectionKey: string, fn: (s: Section) => Section): CardLayout {
  return mapTab(layout, tabKey, (t) => ({ ...t, sections: t.sections.map((s) => (s.key === sectionKey ? fn(s) : s)) }));
}

export function placedFields(layout: CardLayout): Set<string> {
  return new Set(layout.tabs.flatMap((t) => t.sections.flatMap((s) => s.fields)));
}

/** Moves a field to the end of another section (on any tab). */
export function moveFieldTo(layout: CardLayout, field: string, tabKey: string, sectionKey: string): CardLayout {
  const removed = {
    tabs: layout.tabs.map((t) => ({ ...t, sections: t.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => f !== field) })) })),
  };
  return mapSection(removed, tabKey, sectionKey, (s) => ({ ...s, fields: [...s.fields, field] }));
}

export function uniqueKey(existing: readonly string[], base: string): string {
  let n = 1;
  while (existing.includes(`${base}${n}`)) n += 1;
  return `${base}${n}`;
}

export function newRelatedTab(layout: CardLayout, kind: RelatedList, label: string, businessTypeId?: string): CardLayout {
  const key = businessTypeId
    ? recordsTabKey(businessTypeId)
    : uniqueKey(
        layout.tabs.map((t) => t.key),
        kind,
      );
  const tab: LayoutTab = {
    key,
    label: label.slice(0, 20),
    sections: [],
    related: { kind, columns: [], ...(businessTypeId ? { businessTypeId } : {}) },
  };
  return { tabs: [...layout.tabs, tab] };
}

/** Takes a field off the layout (it becomes unplaced). */
export function removeField(layout: CardLayout, field: string): CardLayout {
  return { tabs: layout.tabs.map((t) => ({ ...t, sections: t.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => f !== field) })) })) };
}

/** Puts a field at a position in a section, taking it from wherever it was (drag and drop). */
export function placeField(layout: CardLayout, field: string, tabKey: string, sectionKey: string, index: number): CardLayout {
  return mapSection(removeField(layout, field), tabKey, sectionKey, (s) => {
    const fields = [...s.fields];
    fields.splice(Math.max(0, Math.min(index, fields.length)), 0, field);
    return { ...s, fields };
  });
}

/** Moves an item of a list to another index (drag and drop); out-of-range indexes leave it as it was. */
export function moveTo<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || to < 0 || from >= next.length || to >= next.length) return next;
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
