import type { CardLayout, LayoutTab, RelatedList } from '../../src-shared/domain/card-layout';
import { recordsTabKey } from '../business/type-layout';

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
  const removed = { tabs: layout.tabs.map((t) => ({ ...t, sections: t.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => f !== field) })) })) };
  return mapSection(removed, tabKey, sectionKey, (s) => ({ ...s, fields: [...s.fields, field] }));
}

export function uniqueKey(existing: readonly string[], base: string): string {
  let n = 1;
  while (existing.includes(`${base}${n}`)) n += 1;
  return `${base}${n}`;
}

export function newRelatedTab(layout: CardLayout, kind: RelatedList, label: string, businessTypeId?: string): CardLayout {
  const key = businessTypeId ? recordsTabKey(businessTypeId) : uniqueKey(layout.tabs.map((t) => t.key), kind);
  const tab: LayoutTab = { key, label: label.slice(0, 20), sections: [], related: { kind, columns: [], ...(businessTypeId ? { businessTypeId } : {}) } };
  return { tabs: [...layout.tabs, tab] };
}
