import { singletonId } from '../../changelog/singleton-ids';
import { cardLayout, type CardLayout, type LayoutEntity } from '../../../src-shared/domain/card-layout';
import {
  DEFAULT_LAYOUT_REVISION,
  defaultContactLayout,
  defaultCustomerLayout,
  isUntouchedRevision1,
  recordsTab,
  withExpensesTab,
  withStoreField,
} from '../../../src-shared/domain/default-card-layout';
import { CONTACT_FIELDS } from '../../../src-shared/domain/organisation';
import { CUSTOMER_FIELDS } from '../../../src-shared/domain/customer';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { listBusinessTypes } from '../business/business-type-service';
import { listFields } from '../custom-fields/field-registry';
import { insertRow, readRow, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';
import { storeSites } from '../../sync/network/store-sites';

const BUILT_IN: Record<LayoutEntity, readonly string[]> = { customer: CUSTOMER_FIELDS, contact: CONTACT_FIELDS };

/** Fields a layout may place: built-in ones and live custom fields of the entity. */
function placeable(ws: Workspace, entity: LayoutEntity): string[] {
  return [...BUILT_IN[entity], ...listFields(ws, entity).map((f) => f.columnName)];
}

export function defaultLayout(ws: Workspace, entity: LayoutEntity): CardLayout {
  const custom = listFields(ws, entity).map((f) => f.columnName);
  return entity === 'contact' ? defaultContactLayout(custom) : defaultCustomerLayout(custom, listBusinessTypes(ws));
}

/**
 * The saved layout, with anything it cannot know yet made visible: custom fields added since it
 * was saved land in a "未放置字段" section, and new business types get a tab, so nothing is hidden
 * silently. Fields deleted since are dropped from the sections.
 */
export function getLayout(ws: Workspace, entity: LayoutEntity): { layout: CardLayout; saved: boolean } {
  const row = ws.db.prepare('SELECT layout FROM card_layouts WHERE entity = ? AND deleted = 0').get(entity) as { layout: string } | undefined;
  if (!row) return { layout: defaultLayout(ws, entity), saved: false };
  const { defaultsRevision, ...stored } = JSON.parse(row.layout) as { defaultsRevision?: number };
  const parsed = cardLayout.safeParse(stored);
  if (!parsed.success) return { layout: defaultLayout(ws, entity), saved: false };
  let layout = parsed.data;
  // Saved before the default had 费用 and never changed since: show the tab as a new workspace would.
  if (entity === 'customer' && defaultsRevision === undefined && isUntouchedRevision1(layout)) layout = withExpensesTab(layout);
  if (entity === 'customer' && storeSites(ws.db).length > 0) layout = withStoreField(layout);
  const allowed = new Set(placeable(ws, entity));
  for (const tab of layout.tabs) for (const section of tab.sections) section.fields = section.fields.filter((f) => allowed.has(f));
  const placed = new Set(layout.tabs.flatMap((t) => t.sections.flatMap((s) => s.fields)));
  const unplaced = listFields(ws, entity)
    .map((f) => f.columnName)
    .filter((c) => !placed.has(c));
  if (unplaced.length && layout.tabs[0]) layout.tabs[0].sections.push({ key: 'unplaced', label: '未放置字段', columns: 2, fields: unplaced });
  if (entity === 'customer') {
    const types = listBusinessTypes(ws);
    const shown = new Set(layout.tabs.map((t) => t.related?.businessTypeId).filter(Boolean));
    const liveTypes = new Set(types.map((t) => t.id));
    layout.tabs = layout.tabs.filter((t) => t.related?.kind !== 'records' || liveTypes.has(t.related.businessTypeId ?? ''));
    for (const t of types.filter((x) => !shown.has(x.id))) layout.tabs.push(recordsTab(t));
  }
  return { layout, saved: true };
}

export function saveLayout(ws: Workspace, ctx: CallContext, entity: LayoutEntity, input: unknown): CardLayout {
  const layout = validate(cardLayout, input);
  const allowed = new Set(placeable(ws, entity));
  const unknown = layout.tabs.flatMap((t) => t.sections.flatMap((s) => s.fields)).filter((f) => !allowed.has(f));
  if (unknown.length)
    throw new KecardError('VALIDATION', 'The layout names fields that do not exist.', { fields: { layout: 'unknownField' }, unknown });
  // The contact dialog is a form: it has no place for related lists.
  if (entity === 'contact' && layout.tabs.some((t) => t.related)) {
    throw new KecardError('VALIDATION', 'A contact layout holds fields only.', { fields: { layout: 'invalid' } });
  }
  const tabKeys = layout.tabs.map((t) => t.key);
  if (new Set(tabKeys).size !== tabKeys.length)
    throw new KecardError('VALIDATION', 'Tab keys must be unique.', { fields: { layout: 'duplicateValue' } });
  // Stamped with the default's revision: from now on a missing 费用 tab is the user's choice.
  const stored = { ...layout, defaultsRevision: DEFAULT_LAYOUT_REVISION };
  runWrite(ws, ctx, (tx) => {
    const existing = tx.ws.db.prepare('SELECT id FROM card_layouts WHERE entity = ? AND deleted = 0').get(entity) as { id: string } | undefined;
    if (existing) updateRow(tx, 'cardLayout', null, readRow(tx, 'cardLayout', existing.id) as Record<string, unknown>, { layout: stored });
    else insertRow(tx, 'cardLayout', null, singletonId('cardLayout', entity), { entity, layout: stored });
  });
  return getLayout(ws, entity).layout;
}
