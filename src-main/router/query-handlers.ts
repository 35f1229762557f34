import { allows } from '../../src-shared/domain/permissions';
import { CONTACT_RESULT_SORTABLE, type ContactSortField } from '../../src-shared/contract/query-methods';
import { CUSTOMER_SORTABLE, type CustomerSortField } from '../../src-shared/domain/customer';
import { KecardError } from '../../src-shared/errors';
import type { QueryDefinition } from '../../src-shared/query/query-tree';
import { bulkUpdateCustomers } from '../services/customers/bulk-update';
import { exportFileName } from '../services/export/export-query';
import {
  addToFolder,
  createFolder,
  deleteFolder,
  foldersOf,
  listFolders,
  removeFromFolder,
  renameFolder,
} from '../services/favourites/favourite-service';
import { countQuery, matchingIds, runContactQuery, runCustomerQuery } from '../services/query/run-query';
import { createSavedQuery, deleteSavedQuery, listSavedQueries, updateSavedQuery, type pinnedCounts } from '../services/query/saved-query-service';
import { queryFieldCatalogue, relationCatalogue } from '../services/query/query-catalogue';
import { getQueryForm, saveQueryForm } from '../services/query/query-form-service';
import { createBackup } from '../backup/backup-service';
import type { CallContext } from '../changelog/call-context';
import { queriesRunInWorker, type QueryWorkerRequest } from '../services/query/query-worker-requests';
import type { Handlers, RouterDeps } from './handlers';
import { auditJobDone } from '../people/audit-log';
import { bulkViewsOf } from '../people/bulk-views';

type QueryHandlerNames =
  | 'queries.fields'
  | 'queryForms.get'
  | 'queryForms.save'
  | 'queries.run'
  | 'queries.count'
  | 'queries.saved'
  | 'queries.save'
  | 'queries.update'
  | 'queries.delete'
  | 'queries.pinnedCounts'
  | 'queries.export'
  | 'favourites.folders'
  | 'favourites.createFolder'
  | 'favourites.renameFolder'
  | 'favourites.deleteFolder'
  | 'favourites.add'
  | 'favourites.remove'
  | 'favourites.of'
  | 'customers.bulkUpdate';

const OK = { ok: true } as const;

/** Handlers for the query builder, saved queries, favourites and bulk actions. */
export function createQueryHandlers({ host, jobs }: RouterDeps): Pick<Handlers, QueryHandlerNames> {
  const ws = () => host.workspace;
  const inWorker = (request: QueryWorkerRequest, ctx: CallContext) => jobs.callResident('query', ws().path, request, ctx);
  // A file held exclusively (network share) answers in main: a worker would need it lent per query.
  const large = () => !ws().heldExclusively && queriesRunInWorker(ws().path);
  const idsOf = async (target: { ids: string[] } | { definition: QueryDefinition }, ctx: CallContext): Promise<string[]> => {
    if ('ids' in target) return target.ids;
    return large() ? ((await inWorker({ op: 'ids', definition: target.definition }, ctx)) as string[]) : matchingIds(ws(), target.definition);
  };

  return {
    'queries.fields': (_input, ctx) => {
      // The builder offers conditions on the records of the types the role may read (guardArea
      // refuses the others).
      const rules = host.rulesOf(ctx);
      return {
        customer: queryFieldCatalogue(ws(), 'customer'),
        contact: queryFieldCatalogue(ws(), 'contact'),
        relations: relationCatalogue(ws()).filter((r) =>
          r.relation.startsWith('records:') ? allows(rules, 'business', 'read', r.relation.slice('records:'.length)) : true,
        ),
      };
    },
    'queryForms.get': ({ entity }) => getQueryForm(ws(), entity),
    'queryForms.save': ({ entity, fields }, ctx) => {
      const saved = saveQueryForm(ws(), ctx, entity, fields);
      return saved;
    },
    'queries.run': async ({ definition, offset, limit, sort, figure }, ctx) => {
      // Each entity sorts only by its own whitelisted columns; a figure is for customer results.
      const sortable: readonly string[] =
        definition.entity === 'contact' ? CONTACT_RESULT_SORTABLE : figure ? [...CUSTOMER_SORTABLE, 'figure'] : CUSTOMER_SORTABLE;
      if (sort && !sortable.includes(sort.field))
        throw new KecardError('VALIDATION', 'This list cannot sort by that column.', { fields: { sort: 'invalid' } });
      // A query's launch (its first page) is a bulk view: audited once with its count, not per page.
      const launched = (total: number) => (offset === 0 ? bulkViewsOf(host).note(ws(), ctx, 'query', JSON.stringify(definition), total) : undefined);
      if (definition.entity === 'contact') {
        if (figure) throw new KecardError('VALIDATION', 'Contact results have no figure.', { fields: { figure: 'invalid' } });
        const r = runContactQuery(ws(), definition, { offset, limit, sort: sort as { field: ContactSortField; dir: 'asc' | 'desc' } | undefined });
        launched(r.total);
        return { total: r.total, customers: [], contacts: r.rows };
      }
      const options = { offset, limit, sort: sort as { field: CustomerSortField | 'figure'; dir: 'asc' | 'desc' } | undefined, figure };
      const r = large()
        ? ((await inWorker({ op: 'customers', definition, ...options }, ctx)) as ReturnType<typeof runCustomerQuery>)
        : runCustomerQuery(ws(), definition, options);
      launched(r.total);
      return { total: r.total, customers: r.rows, contacts: [], ...(r.figures ? { figures: r.figures } : {}) };
    },
    'queries.count': async ({ definition }, ctx) => ({
      count:
        large() && definition.entity === 'customer' ? ((await inWorker({ op: 'count', definition }, ctx)) as number) : countQuery(ws(), definition),
    }),
    'queries.saved': (_input, ctx) => listSavedQueries(ws(), ctx),
    'queries.save': (input, ctx) => {
      const q = createSavedQuery(ws(), ctx, input);
      return q;
    },
    'queries.update': ({ id, patch }, ctx) => {
      const q = updateSavedQuery(ws(), ctx, id, patch);
      return q;
    },
    'queries.delete': ({ id }, ctx) => {
      deleteSavedQuery(ws(), ctx, id);
      return OK;
    },
    // In the query worker: a full count takes seconds at 1M, and main must keep answering.
    'queries.pinnedCounts': async (_input, ctx) => (await inWorker({ op: 'pinnedCounts' }, ctx)) as ReturnType<typeof pinnedCounts>,
    'queries.export': (input, ctx) => {
      // Written by the 'export' job in a worker; the finished job hands over a download token.
      const output = host.staged.exportPath(`.${input.format}`);
      const fileName = exportFileName(input);
      const path = ws().path;
      const jobId = jobs.start('export', path, { ...input, outputPath: output }, ctx, (result) => {
        const r = result as { rows: number };
        auditJobDone(host, path, ctx, {
          action: 'exported',
          rowCount: r.rows,
          detail: { what: 'query', entity: input.definition.entity, format: input.format, fileName },
        });
        return { downloadToken: host.staged.stageDownload(output, fileName), fileName, rows: r.rows };
      });
      jobs.whenSettled(jobId, ({ ok }) => (ok ? undefined : host.staged.discard(output)));
      return { jobId };
    },

    'favourites.folders': ({ entity }) => listFolders(ws(), entity),
    'favourites.createFolder': ({ name, entity }, ctx) => {
      const f = createFolder(ws(), ctx, name, entity);
      return f;
    },
    'favourites.renameFolder': ({ id, name }, ctx) => {
      renameFolder(ws(), ctx, id, name);
      return OK;
    },
    'favourites.deleteFolder': ({ id }, ctx) => {
      deleteFolder(ws(), ctx, id);
      return OK;
    },
    'favourites.add': async ({ folderId, target }, ctx) => {
      const added = addToFolder(ws(), ctx, folderId, await idsOf(target, ctx));
      return { added };
    },
    'favourites.remove': ({ folderId, ids }, ctx) => {
      const removed = removeFromFolder(ws(), ctx, folderId, ids);
      return { removed };
    },
    'favourites.of': ({ id }) => foldersOf(ws(), id),

    'customers.bulkUpdate': async ({ target, action }, ctx) => {
      // A bulk change is a risky operation: keep a verified backup of the state before it.
      await createBackup(ws(), 'bulk');
      const count = bulkUpdateCustomers(ws(), ctx, await idsOf(target, ctx), action);
      return { changed: count };
    },
  };
}
