import { recordVersion, saveConflicts } from '../domain/save-conflict';
import { z } from 'zod';
import { changeEntry } from '../domain/change-log';
import { customer, customerCreateInput, customerPatch, CUSTOMER_SORTABLE } from '../domain/customer';
import {
  contact,
  contactCreateInput,
  contactPatch,
  department,
  departmentCreateInput,
  departmentPatch,
  employee,
  employeeCreateInput,
  employeePatch,
} from '../domain/organisation';
import { entityId } from '../domain/field-rules';
import { defineMethod } from './define-method';
import { queryMethods } from './query-methods';
import { cardMethods } from './card-methods';
import { businessMethods } from './business-methods';
import { importMethods } from './import-methods';
import { analysisMethods } from './analysis-methods';
import { deletedCustomerMethods } from './deleted-customer-methods';
import { historyMethods } from './history-methods';
import { backupMethods } from './backup-methods';
import { regionMethods } from './region-methods';
import { syncMethods } from './sync-methods';
import { peopleMethods } from './people-methods';
import { auditMethods } from './audit-methods';
import { hostMethods } from './host-methods';
import { remoteMethods } from './remote-methods';

const byId = z.object({ id: entityId }).strict();
const nothing = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
/** A path the user typed or picked; main resolves it and never hands out paths it was not given. */
const userPath = z.string().trim().min(1, { error: 'required' }).max(4096);

export { workspaceInfo, jobStarted, type WorkspaceInfo } from './methods-base';
import { jobStarted, workspaceInfo } from './methods-base';

export const recentWorkspace = z.object({ path: z.string(), name: z.string(), openedAt: z.string(), exists: z.boolean() });
export type RecentWorkspace = z.infer<typeof recentWorkspace>;

export const customerCard = z.object({
  customer,
  departments: z.array(department),
  contacts: z.array(contact),
});
export type CustomerCard = z.infer<typeof customerCard>;

export const searchHit = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  code: z.string().nullable(),
  city: z.string().nullable(),
  customerClass: z.string().nullable(),
  matchedContact: z.string().nullable(),
});
export type SearchHit = z.infer<typeof searchHit>;

/** A customer that a new one may duplicate, and what matched. */
export const possibleDuplicate = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  matchedBy: z.enum(['name', 'phone', 'code', 'taxId']),
  /**
   * A customer outside the caller's record scope: it exists, owned by someone else, and nothing
   * more is said (id, name and code are empty) — enough not to enter it twice, nothing to read.
   */
  elsewhere: z.literal(true).optional(),
});
export type PossibleDuplicate = z.infer<typeof possibleDuplicate>;

export const contract = {
  'app.info': defineMethod({
    input: nothing,
    output: z.object({
      version: z.string(),
      shell: z.enum(['electron', 'browser']),
      nativeDialogs: z.boolean(),
      platform: z.string(),
    }),
    permission: 'read',
    signedOut: true,
  }),

  'workspace.info': defineMethod({ input: nothing, output: workspaceInfo.nullable(), permission: 'read', signedOut: true }),
  'workspace.recent': defineMethod({ input: nothing, output: z.array(recentWorkspace), permission: 'read', signedOut: true, local: true }),
  /**
   * A workspace named at startup (--workspace FILE) that does not exist yet: the start screen offers
   * to create it. `failure`: one that exists but could not open and cannot ask for a password (an
   * encrypted copy without its keys file): the start screen says why.
   */
  'workspace.missing': defineMethod({
    input: nothing,
    output: z.object({
      path: z.string().nullable(),
      failure: z
        .object({ path: z.string(), error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }) })
        .nullable(),
    }),
    permission: 'read',
    signedOut: true,
    local: true,
  }),
  'workspace.open': defineMethod({
    /** `readOnly`: a file another Kecard holds, opened to look at without its lock (nothing can be saved). */
    input: z.object({ path: userPath, readOnly: z.boolean().optional() }).strict(),
    output: workspaceInfo,
    permission: 'read',
    signedOut: true,
    local: true,
  }),
  'workspace.openDefault': defineMethod({ input: nothing, output: workspaceInfo, permission: 'read', signedOut: true, local: true }),
  'workspace.create': defineMethod({
    input: z.object({ path: userPath }).strict(),
    output: workspaceInfo,
    permission: 'read',
    signedOut: true,
    local: true,
  }),
  'workspace.saveCopy': defineMethod({
    input: z.object({ path: userPath }).strict(),
    output: z.object({ path: z.string() }),
    // A whole copy of the file: a backup-area action, like 立即备份.
    permission: 'write',
    local: true,
  }),
  'workspace.close': defineMethod({ input: nothing, output: ok, permission: 'read', signedOut: true, local: true }),
  /** Electron shows a native dialog; the browser shell answers `native: false` and the UI asks for a path. */
  'workspace.choosePath': defineMethod({
    input: z.object({ purpose: z.enum(['open', 'create', 'saveCopy']) }).strict(),
    output: z.object({ native: z.boolean(), path: z.string().nullable() }),
    permission: 'read',
    signedOut: true,
    local: true,
  }),

  'customers.list': defineMethod({
    input: z
      .object({
        offset: z.number().int().min(0).max(10_000_000),
        limit: z.number().int().min(1).max(500),
        sort: z
          .object({ field: z.enum(CUSTOMER_SORTABLE), dir: z.enum(['asc', 'desc']) })
          .strict()
          .optional(),
        /** Only customers matching this quick-search text (the search's 查看全部). */
        q: z.string().max(100).optional(),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(customer) }),
    permission: 'read',
  }),
  'customers.search': defineMethod({
    input: z.object({ q: z.string().max(100), limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.object({ hits: z.array(searchHit), tookMs: z.number() }),
    permission: 'read',
  }),
  'customers.get': defineMethod({ input: byId, output: customerCard, permission: 'read' }),
  /** Asked while a new customer is typed, so the user hears of an existing one before saving a second. */
  'customers.possibleDuplicates': defineMethod({
    input: z
      .object({
        name: z.string().max(200).optional(),
        phones: z.array(z.string().max(40)).max(10).optional(),
        code: z.string().max(64).optional(),
        custom: z.record(z.string().max(64), z.unknown()).optional(),
        excludeId: entityId.optional(),
      })
      .strict(),
    output: z.array(possibleDuplicate),
    permission: 'read',
  }),
  'customers.create': defineMethod({ input: z.object({ values: customerCreateInput }).strict(), output: customer, permission: 'write' }),
  /**
   * `baseVersion`: the card's `version` when it was read. With it, fields someone else changed
   * since are not written but answered in `conflicts` (docs/data-model.md, "Versions and save
   * conflicts"); without it (an old client, `kecard call`) the save wins as before.
   */
  'customers.update': defineMethod({
    input: z.object({ id: entityId, patch: customerPatch, baseVersion: recordVersion.optional() }).strict(),
    output: customer.extend(saveConflicts),
    permission: 'write',
  }),
  'customers.delete': defineMethod({ input: byId, output: ok, permission: 'write' }),
  'customers.history': defineMethod({
    input: z.object({ id: entityId, limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(changeEntry),
    permission: 'read',
  }),
  /** Reverts the latest not-yet-undone change to the customer or anything on its card. */
  'customers.undo': defineMethod({
    input: byId,
    output: z.object({ undoneTxId: z.string(), card: customerCard.nullable() }),
    permission: 'write',
  }),

  'departments.create': defineMethod({ input: departmentCreateInput, output: department, permission: 'write' }),
  'departments.update': defineMethod({
    input: z.object({ id: entityId, patch: departmentPatch }).strict(),
    output: department,
    permission: 'write',
  }),
  'departments.delete': defineMethod({ input: byId, output: ok, permission: 'write' }),

  'contacts.create': defineMethod({ input: contactCreateInput, output: contact, permission: 'write' }),
  'contacts.update': defineMethod({
    input: z.object({ id: entityId, patch: contactPatch }).strict(),
    output: contact,
    permission: 'write',
  }),
  'contacts.delete': defineMethod({ input: byId, output: ok, permission: 'write' }),

  'employees.list': defineMethod({
    input: z.object({ includeInactive: z.boolean().optional() }).strict(),
    output: z.array(employee),
    permission: 'read',
  }),
  'employees.create': defineMethod({ input: z.object({ values: employeeCreateInput }).strict(), output: employee, permission: 'manage' }),
  'employees.update': defineMethod({
    input: z.object({ id: entityId, patch: employeePatch }).strict(),
    output: employee,
    permission: 'manage',
  }),

  'demo.generate': defineMethod({
    input: z
      .object({
        customers: z.number().int().min(1).max(1_000_000),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31),
        /** Orders per customer over the last three years (0 = customers only), so the reports have something to show. */
        ordersPerCustomer: z.number().int().min(0).max(100).optional(),
        /**
         * Always said out loud: a new demo workspace (opened in place of the current one) or the
         * open workspace itself. Demo data must never land silently in a user's real customers.
         */
        target: z.enum(['newWorkspace', 'current']),
      })
      .strict(),
    output: jobStarted,
    permission: 'write',
    local: true,
  }),
  'jobs.cancel': defineMethod({ input: z.object({ jobId: z.string().max(64) }).strict(), output: ok, permission: 'read' }),

  ...queryMethods,
  ...cardMethods,
  ...businessMethods,
  ...importMethods,
  ...analysisMethods,
  ...deletedCustomerMethods,
  ...historyMethods,
  ...backupMethods,
  ...regionMethods,
  ...syncMethods,
  ...peopleMethods,
  ...auditMethods,
  ...hostMethods,
  ...remoteMethods,
  /** How many customers the quick search matches, up to a cap (the dropdown's 共 N 条); separate so the hits stay fast. */
  'customers.searchCount': defineMethod({
    input: z.object({ q: z.string().max(100) }).strict(),
    output: z.object({ count: z.number().int(), capped: z.boolean() }),
    permission: 'read',
  }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
