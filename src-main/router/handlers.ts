import type { z } from 'zod';
import type { Contract, MethodName, MethodOutput } from '../../src-shared/contract/methods';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import type { FieldIndexJobs } from '../jobs/field-index-jobs';
import type { JobRunner } from '../jobs/job-runner';
import type { ReportLog } from '../analysis/check-report-result';
import { getCustomerCard, listCustomers } from '../services/customers/customer-queries';
import { createCustomer, deleteCustomer, updateCustomer } from '../services/customers/customer-service';
import { createEmployee, listEmployees, updateEmployee } from '../services/employees/employee-service';
import { customerHistory } from '../services/history/history-service';
import { undoLastChange } from '../services/history/undo-service';
import { checkUndo } from '../people/field-guard';
import { fieldViewFor } from '../people/field-view';
import { searchBlindOf } from '../people/field-search';
import { createContact, deleteContact, updateContact } from '../services/organisation/contact-service';
import { createDepartment, deleteDepartment, updateDepartment } from '../services/organisation/department-service';
import { quickSearch } from '../services/search/quick-search';
import { possibleDuplicates } from '../services/customers/possible-duplicates';
import { countSearchMatches } from '../services/search/search-matches';
import type { AppHost } from '../workspace/app-host';
import { defaultOwner } from '../people/record-scope';
import { createQueryHandlers } from './query-handlers';
import { createCardHandlers } from './card-handlers';
import { createBusinessHandlers } from './business-handlers';
import { createImportHandlers } from './import-handlers';
import { createAnalysisHandlers } from './analysis-handlers';
import { createDeletedCustomerHandlers } from './deleted-customer-handlers';
import { createHistoryHandlers } from './history-handlers';
import { createBackupHandlers } from './backup-handlers';
import { createRegionHandlers } from './region-handlers';
import { createSyncHandlers } from './sync-handlers';
import { createPeopleHandlers } from './people-handlers';
import { createAuditHandlers } from './audit-handlers';
import { bulkViewsOf } from '../people/bulk-views';
import { createHostHandlers } from './host-handlers';
import type { HostMode } from '../host/host-mode';
import type { RemoteConnection } from '../host/remote-connection';

export interface RouterDeps {
  host: AppHost;
  jobs: JobRunner;
  fieldIndexes: FieldIndexJobs;
  /** 共享给同事 (host mode) of this app. */
  hostMode: HostMode;
  /** 连接同事的工作区: this app's connection to a colleague's shared workspace. */
  remote: RemoteConnection;
  version: string;
  platform: string;
  /** Main's log for our own bugs found at run time (a report result off its schema); console.error when not given. */
  log?: ReportLog;
}

type Handler<M extends MethodName> = (input: z.output<Contract[M]['input']>, ctx: CallContext) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

const OK = { ok: true } as const;

/** One handler per contract method; the router has validated input and checked the role already. */
export function createHandlers(deps: RouterDeps): Handlers {
  const { host, jobs, version, platform } = deps;
  const ws = () => host.workspace;

  return {
    'app.info': () => ({ version, shell: host.options.shell, nativeDialogs: host.options.dialogs !== undefined, platform }),

    'workspace.info': (_input, ctx) => host.info(ctx),
    'workspace.recent': () => host.recent.list(),
    'workspace.missing': () => ({ path: host.missingStartup, failure: host.startupFailureShown }),
    'workspace.open': ({ path, readOnly }) => (readOnly ? host.openReadOnly(path) : host.open(path)),
    'workspace.openDefault': () => host.openDefault(),
    'workspace.create': ({ path }) => host.create(path),
    'workspace.saveCopy': ({ path }) => ({ path: host.saveCopy(path) }),
    'workspace.close': () => {
      host.close();
      return OK;
    },
    'workspace.choosePath': async ({ purpose }) => {
      if (!host.options.dialogs) return { native: false, path: null };
      return { native: true, path: await host.options.dialogs.choosePath(purpose) };
    },

    'customers.list': (input, ctx) => {
      // Filtered by a quick-search text: only on the fields the caller sees in clear (field-search.ts).
      const page = listCustomers(ws(), input, input.q === undefined ? 0 : searchBlindOf(fieldViewFor(ws(), ctx)));
      // A launch of the list (its first page) is a bulk view of customers: audited with its count.
      if (input.offset === 0) bulkViewsOf(host).note(ws(), ctx, 'customerList', input.q ?? '', page.total);
      return page;
    },
    'customers.search': ({ q, limit }, ctx) => quickSearch(ws(), q, limit, searchBlindOf(fieldViewFor(ws(), ctx))),
    'customers.get': ({ id }) => getCustomerCard(ws(), id),
    'customers.possibleDuplicates': (probe) => possibleDuplicates(ws(), probe),
    'customers.create': ({ values }, ctx) => {
      // Under scope 'own' a new customer without an owner is the caller's (record-scope.ts); the
      // contract reads a missing owner as null, so "none given" and "nobody" are one case here.
      const owner = defaultOwner();
      const c = createCustomer(ws(), ctx, owner && !values.ownerId ? { ...values, ownerId: owner } : values);
      return c;
    },
    'customers.update': ({ id, patch, baseVersion }, ctx) => {
      const c = updateCustomer(ws(), ctx, id, patch, {}, baseVersion);
      return c;
    },
    'customers.delete': ({ id }, ctx) => {
      deleteCustomer(ws(), ctx, id);
      return OK;
    },
    'customers.history': ({ id, limit }) => customerHistory(ws(), id, limit),
    'customers.undo': ({ id }, ctx) => {
      // Per-field rules: the undo may not change back a field the caller may not change.
      const undoneTxId = undoLastChange(ws(), ctx, id, (changes) => checkUndo(fieldViewFor(ws(), ctx), changes));
      let card = null;
      try {
        card = getCustomerCard(ws(), id);
      } catch (err) {
        if (!(err instanceof KecardError && err.code === 'NOT_FOUND')) throw err; // undoing a create removes the card
      }
      return { undoneTxId, card };
    },

    'departments.create': (input, ctx) => {
      const d = createDepartment(ws(), ctx, input);
      return d;
    },
    'departments.update': ({ id, patch }, ctx) => {
      const d = updateDepartment(ws(), ctx, id, patch);
      return d;
    },
    'departments.delete': ({ id }, ctx) => {
      deleteDepartment(ws(), ctx, id);
      return OK;
    },

    'contacts.create': (input, ctx) => {
      const c = createContact(ws(), ctx, input);
      return c;
    },
    'contacts.update': ({ id, patch }, ctx) => {
      const c = updateContact(ws(), ctx, id, patch);
      return c;
    },
    'contacts.delete': ({ id }, ctx) => {
      deleteContact(ws(), ctx, id);
      return OK;
    },

    'employees.list': ({ includeInactive }) => listEmployees(ws(), includeInactive ?? false),
    'employees.create': ({ values }, ctx) => {
      const e = createEmployee(ws(), ctx, values);
      return e;
    },
    'employees.update': ({ id, patch }, ctx) => {
      const e = updateEmployee(ws(), ctx, id, patch);
      return e;
    },

    'demo.generate': ({ customers, seed, ordersPerCustomer, target }, ctx) => {
      if (target === 'newWorkspace') host.createDemoWorkspace();
      const params = { customers, seed, ...(ordersPerCustomer ? { ordersPerCustomer } : {}) };
      const jobId = jobs.start('demo', ws().path, params, ctx, () => {
        host.emit({ type: 'workspace.changed', info: host.info() });
      });
      return { jobId };
    },
    'jobs.cancel': ({ jobId }, ctx) => {
      jobs.cancel(jobId, ctx);
      return OK;
    },

    ...createQueryHandlers(deps),
    ...createCardHandlers(deps),
    ...createBusinessHandlers(deps),
    ...createImportHandlers(deps),
    ...createAnalysisHandlers(deps),
    ...createDeletedCustomerHandlers(deps),
    ...createHistoryHandlers(deps),
    ...createBackupHandlers(deps),
    ...createRegionHandlers(),
    ...createSyncHandlers(deps),
    ...createPeopleHandlers(deps),
    ...createAuditHandlers(deps),
    ...createHostHandlers(deps.hostMode, deps.remote, host),
    'customers.searchCount': ({ q }, ctx) => countSearchMatches(ws(), q, undefined, searchBlindOf(fieldViewFor(ws(), ctx))),
  };
}
