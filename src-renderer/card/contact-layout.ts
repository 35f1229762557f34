import type { CardLayout } from '../../src-shared/domain/card-layout';
import { CONTACT_FIELDS } from '../../src-shared/domain/organisation';

/** The contact's built-in text fields; `departmentId` is a select. */
export const CONTACT_TEXT_FIELDS = ['name', 'title', 'mobile', 'phone', 'email', 'birthday', 'notes'] as const;
export type ContactTextField = (typeof CONTACT_TEXT_FIELDS)[number];
export type ContactValues = Record<ContactTextField | 'departmentId', string>;

/** Main's default contact layout (layout-service.ts), used until layouts.get answers. */
export function defaultContactLayout(customColumns: readonly string[]): CardLayout {
  return {
    tabs: [
      {
        key: 'basic',
        label: '基本信息',
        sections: [
          { key: 'main', label: '联系人', columns: 2, fields: [...CONTACT_FIELDS] },
          ...(customColumns.length ? [{ key: 'custom', label: '自定义字段', columns: 2 as const, fields: [...customColumns] }] : []),
        ],
      },
    ],
  };
}

/**
 * The layout with every custom field placed somewhere: main adds fields created after the layout
 * was saved, but the fields list may be newer than the layout the dialog holds, and a field that
 * is not drawn cannot be filled (a required one could never be saved).
 */
export function withEveryCustomField(layout: CardLayout, customColumns: readonly string[]): CardLayout {
  const placed = new Set(layout.tabs.flatMap((t) => t.sections.flatMap((s) => s.fields)));
  const missing = customColumns.filter((c) => !placed.has(c));
  const [first, ...rest] = layout.tabs;
  if (!missing.length || !first) return layout;
  return { tabs: [{ ...first, sections: [...first.sections, { key: 'unplaced', label: '未放置字段', columns: 2, fields: missing }] }, ...rest] };
}

/** The first tab holding one of the fields named in an error (`custom.cf_…` names its column). */
export function tabOfErrors(layout: CardLayout, errorKeys: readonly string[]): string | null {
  const names = new Set(errorKeys.map((k) => k.replace(/^custom\./, '')));
  return layout.tabs.find((t) => t.sections.some((s) => s.fields.some((f) => names.has(f))))?.key ?? null;
}
