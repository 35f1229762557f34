import { singletonId } from '../../changelog/singleton-ids';
import { KecardError } from '../../../src-shared/errors';
import { OPERATORS_BY_TYPE, type QueryEntity } from '../../../src-shared/query/query-fields';
import type { CallContext } from '../../changelog/call-context';
import { runWrite } from '../../changelog/write-tx';
import type { Workspace } from '../../db/workspace';
import { insertRow, readRow, updateRow } from '../shared/entity-writes';
import { queryFieldCatalogue } from './query-catalogue';

export interface QueryFormField {
  field: string;
  operator: string;
}

const DEFAULTS: Record<QueryEntity, QueryFormField[]> = {
  customer: [
    { field: 'name', operator: 'contains' },
    { field: 'customerClass', operator: 'in' },
    { field: 'province', operator: 'eq' },
    { field: 'ownerId', operator: 'eq' },
    { field: 'lifecycle', operator: 'in' },
  ],
  contact: [
    { field: 'name', operator: 'contains' },
    { field: 'birthday', operator: 'anniversaryWithin' },
  ],
};

/** The simple query form assistants fill in; the manager decides its fields and operators. */
export function getQueryForm(ws: Workspace, entity: QueryEntity): { fields: QueryFormField[]; saved: boolean } {
  const row = ws.db.prepare('SELECT fields FROM query_forms WHERE entity = ? AND deleted = 0').get(entity) as { fields: string } | undefined;
  const catalogue = queryFieldCatalogue(ws, entity);
  const live = (fields: QueryFormField[]) => fields.filter((f) => catalogue.some((c) => c.key === f.field));
  return row ? { fields: live(JSON.parse(row.fields) as QueryFormField[]), saved: true } : { fields: live(DEFAULTS[entity]), saved: false };
}

export function saveQueryForm(ws: Workspace, ctx: CallContext, entity: QueryEntity, fields: QueryFormField[]): QueryFormField[] {
  const catalogue = queryFieldCatalogue(ws, entity);
  for (const f of fields) {
    const def = catalogue.find((c) => c.key === f.field);
    if (!def) throw new KecardError('VALIDATION', 'Unknown field in the query form.', { fields: { fields: 'unknownField' }, field: f.field });
    if (!OPERATORS_BY_TYPE[def.type].includes(f.operator)) {
      throw new KecardError('VALIDATION', 'This operator does not fit the field.', { fields: { fields: 'badOperator' }, field: f.field });
    }
  }
  runWrite(ws, ctx, (tx) => {
    const existing = tx.ws.db.prepare('SELECT id FROM query_forms WHERE entity = ? AND deleted = 0').get(entity) as { id: string } | undefined;
    if (existing) updateRow(tx, 'queryForm', null, readRow(tx, 'queryForm', existing.id) as Record<string, unknown>, { fields });
    else insertRow(tx, 'queryForm', null, singletonId('queryForm', entity), { entity, fields });
  });
  return getQueryForm(ws, entity).fields;
}
