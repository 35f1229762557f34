import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createFromTemplate } from '../../../src-main/services/business/business-templates';
import { defaultLayout, getLayout, saveLayout } from '../../../src-main/services/layouts/layout-service';
import type { CardLayout } from '../../../src-shared/domain/card-layout';
import { cardLayout } from '../../../src-shared/domain/card-layout';
import { defaultCustomerLayout } from '../../../src-shared/domain/default-card-layout';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const kinds = (layout: CardLayout) => layout.tabs.map((t) => t.related?.kind ?? t.key);

/** The stored form of a layout saved before the default had 费用: no revision stamp. */
function storeAsBeforeRevision2(layout: CardLayout): void {
  saveLayout(ws, testUser, 'customer', layout);
  // Test setup only: rewrites the stored JSON the way an older build wrote it.
  ws.db.prepare("UPDATE card_layouts SET layout = ? WHERE entity = 'customer'").run(JSON.stringify(layout));
}

/** The default of revision 1, as older builds saved it (the renderer's short business-type keys included). */
function revision1Default(typeId: string, typeName: string): CardLayout {
  const layout = defaultCustomerLayout([], []);
  layout.tabs = layout.tabs.filter((t) => t.related?.kind !== 'expenses');
  // Revision 1 had no 门店 field either (added with sync scopes).
  for (const s of layout.tabs[0]?.sections ?? []) s.fields = s.fields.filter((f) => f !== 'storeCode');
  const history = layout.tabs.findIndex((t) => t.key === 'history');
  layout.tabs.splice(history, 0, {
    key: `rec-${typeId.replace(/-/g, '')}`.slice(0, 40),
    label: typeName,
    sections: [],
    related: { kind: 'records', businessTypeId: typeId, columns: [] },
  });
  return layout;
}

describe('the default customer layout', () => {
  it('is the one shared definition, with 费用 after the business types and before history', () => {
    const type = createFromTemplate(ws, testUser, 'visit');
    const layout = defaultLayout(ws, 'customer');
    expect(layout).toEqual(defaultCustomerLayout([], [type]));
    expect(kinds(layout)).toEqual(['basic', 'organisation', 'orders', 'receipts', 'purchased', 'staff', 'records', 'expenses', 'history']);
    expect(getLayout(ws, 'customer')).toEqual({ layout, saved: false });
  });

  it('shows 费用 on a layout saved as the untouched default before the tab existed', () => {
    const type = createFromTemplate(ws, testUser, 'visit');
    storeAsBeforeRevision2(revision1Default(type.id, type.name));
    const { layout, saved } = getLayout(ws, 'customer');
    expect(saved).toBe(true);
    expect(kinds(layout)).toEqual(['basic', 'organisation', 'orders', 'receipts', 'purchased', 'staff', 'records', 'expenses', 'history']);
    expect(layout.tabs.find((t) => t.key === 'expenses')?.label).toBe('费用');
    expect(cardLayout.strict().safeParse(layout).success).toBe(true);
  });

  it('leaves an older layout the user changed as it is', () => {
    const type = createFromTemplate(ws, testUser, 'visit');
    const changed = revision1Default(type.id, type.name);
    changed.tabs = changed.tabs.filter((t) => t.key !== 'purchased');
    storeAsBeforeRevision2(changed);
    expect(kinds(getLayout(ws, 'customer').layout)).toEqual(['basic', 'organisation', 'orders', 'receipts', 'staff', 'records', 'history']);
    const renamed = revision1Default(type.id, type.name);
    renamed.tabs[1] = { ...renamed.tabs[1]!, label: '联系人' };
    storeAsBeforeRevision2(renamed);
    expect(kinds(getLayout(ws, 'customer').layout)).not.toContain('expenses');
  });

  it('keeps 费用 away once the user has taken it off, and never shows the stamp', () => {
    const layout = defaultLayout(ws, 'customer');
    const without = { tabs: layout.tabs.filter((t) => t.key !== 'expenses') };
    const saved = saveLayout(ws, testUser, 'customer', without);
    expect(saved).toEqual(without);
    expect(getLayout(ws, 'customer').layout).toEqual(without);
    expect(Object.keys(getLayout(ws, 'customer').layout)).toEqual(['tabs']);
  });
});
