import { v7 as uuidv7 } from 'uuid';
import { businessType, businessTypeInput, businessTypePatch, type BusinessType } from '../../../src-shared/domain/business';
import { KecardError } from '../../../src-shared/errors';
import type { CallContext } from '../../changelog/call-context';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { insertRow, readRow, setDeleted, updateRow } from '../shared/entity-writes';
import { validate } from '../shared/validate';

interface TypeRow {
  id: string;
  name: string;
  icon: string | null;
  template: string | null;
  link_contact: number;
  link_staff: number;
  statuses: string;
  transitions: string;
  list_columns: string;
  sort_order: number;
}

const toType = (r: TypeRow): BusinessType =>
  businessType.parse({
    id: r.id,
    name: r.name,
    icon: r.icon,
    template: r.template,
    linkContact: r.link_contact === 1,
    linkStaff: r.link_staff === 1,
    statuses: JSON.parse(r.statuses) as unknown,
    transitions: JSON.parse(r.transitions) as unknown,
    listColumns: JSON.parse(r.list_columns) as unknown,
    sortOrder: r.sort_order,
  });

export function listBusinessTypes(ws: Workspace): BusinessType[] {
  return (ws.db.prepare('SELECT * FROM business_types WHERE deleted = 0 ORDER BY sort_order, name').all() as TypeRow[]).map(toType);
}

export function getBusinessType(ws: Workspace, id: string): BusinessType {
  const row = ws.db.prepare('SELECT * FROM business_types WHERE id = ? AND deleted = 0').get(id) as TypeRow | undefined;
  if (!row) throw new KecardError('NOT_FOUND', 'Business type not found.', { id });
  return toType(row);
}

export function createBusinessType(ws: Workspace, ctx: CallContext, input: unknown): BusinessType {
  const id = runWrite(ws, ctx, (tx) => insertBusinessType(tx, input));
  return getBusinessType(ws, id);
}

/** createBusinessType inside a caller's write (a type made from a template, with its fields). */
export function insertBusinessType(tx: WriteTx, input: unknown): string {
  const values = validate(businessTypeInput, input);
  if (listBusinessTypes(tx.ws).some((t) => t.name === values.name)) {
    throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { name: 'duplicateName' } });
  }
  const id = uuidv7();
  insertRow(tx, 'businessType', null, id, { ...values, sortOrder: listBusinessTypes(tx.ws).length });
  return id;
}

export function updateBusinessType(ws: Workspace, ctx: CallContext, id: string, patch: unknown): BusinessType {
  const values = validate(businessTypePatch, patch);
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'businessType', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Business type not found.', { id });
    const { id: _id, sortOrder: _order, ...current } = getBusinessType(ws, id);
    // The whole type must still be consistent after the patch (transitions name existing statuses).
    const merged = validate(businessTypeInput, { ...current, ...values });
    if (values.statuses) {
      // A status still used by records cannot disappear from the workflow.
      const kept = new Set(values.statuses.map((s) => s.key));
      const used = tx.ws.db.prepare('SELECT DISTINCT status FROM business_records WHERE type_id = ? AND deleted = 0').all(id) as { status: string }[];
      const orphaned = used.map((u) => u.status).filter((s) => !kept.has(s));
      if (orphaned.length > 0) throw new KecardError('VALIDATION', 'A status in use cannot be removed.', { fields: { statuses: 'inUse' }, orphaned });
    }
    updateRow(tx, 'businessType', null, before, { ...values, transitions: merged.transitions });
  });
  return getBusinessType(ws, id);
}

export function deleteBusinessType(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const before = readRow(tx, 'businessType', id);
    if (!before || before.deleted === 1) throw new KecardError('NOT_FOUND', 'Business type not found.', { id });
    setDeleted(tx, 'businessType', null, id, true);
  });
}
