import { z } from 'zod';
import { customer, CUSTOMER_SORTABLE } from '../domain/customer';
import { CUSTOMER_CLASSES } from '../domain/enums';
import { entityId } from '../domain/field-rules';
import { resultFigure } from '../query/figure';
import { queryDefinition } from '../query/query-tree';
import { defineMethod } from './define-method';

const ok = z.object({ ok: z.literal(true) });
const favouriteEntity = z.enum(['customer', 'contact']);

export const queryProblem = z.object({
  path: z.string(),
  /** fieldHidden: the condition names a field the caller may not see; its value is left out and the query is not run for them. */
  code: z.enum(['unknownField', 'badOperator', 'missingValue', 'unknownRelation', 'fieldHidden']),
  field: z.string().optional(),
});

export const savedQuery = z.object({
  id: z.string(),
  name: z.string(),
  entity: z.enum(['customer', 'contact']),
  definition: queryDefinition,
  shared: z.boolean(),
  pinned: z.boolean(),
  ownerName: z.string(),
  mine: z.boolean(),
  problems: z.array(queryProblem),
});
export type SavedQueryDto = z.infer<typeof savedQuery>;

export const contactResult = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  birthday: z.string().nullable(),
});
export type ContactResultDto = z.infer<typeof contactResult>;
/** Columns of contact results the list may sort by (main maps each to a fixed SQL expression). */
export const CONTACT_RESULT_SORTABLE = ['name', 'customerName', 'title', 'mobile', 'phone', 'email', 'birthday'] as const;
export type ContactSortField = (typeof CONTACT_RESULT_SORTABLE)[number];

/** What a finished 'export' job carries: the written file, offered by download token. */
export const queryExportResult = z.object({ downloadToken: z.string(), fileName: z.string(), rows: z.number().int() });
export type QueryExportResult = z.infer<typeof queryExportResult>;

export const favouriteFolder = z.object({ id: z.string(), name: z.string(), entity: favouriteEntity, itemCount: z.number().int() });
export type FavouriteFolderDto = z.infer<typeof favouriteFolder>;

const queryName = z.string().trim().min(1, { error: 'required' }).max(60, { error: 'tooLong' });
/** Either explicit ids (a selection) or a query whose whole result is meant. */
const target = z.union([z.object({ ids: z.array(entityId).min(1).max(1_000_000) }).strict(), z.object({ definition: queryDefinition }).strict()]);

export const bulkAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setOwner'), ownerId: entityId.nullable() }).strict(),
  z.object({ kind: z.literal('setClass'), customerClass: z.enum(CUSTOMER_CLASSES).nullable() }).strict(),
  z.object({ kind: z.literal('addTag'), tag: z.string().trim().min(1, { error: 'required' }).max(30, { error: 'tooLong' }) }).strict(),
]);

export const exportColumn = z
  .object({
    key: z.string().max(60),
    header: z.string().max(100),
    kind: z.enum(['text', 'number', 'date', 'datetime', 'list']).optional(),
    labels: z.record(z.string(), z.string().max(100)).optional(),
  })
  .strict();

export const queryField = z.object({
  key: z.string(),
  type: z.enum(['text', 'enum', 'number', 'date', 'datetime', 'list', 'tags', 'staff', 'folder']),
  options: z
    .array(z.union([z.string(), z.number()]))
    .readonly()
    .optional(),
  label: z.string().optional(),
  money: z.boolean().optional(),
  optionLabels: z.record(z.string(), z.string()).optional(),
  snapshot: z.boolean().optional(),
  snapshotMetric: z.literal('revenue').optional(),
});
export type QueryFieldDto = z.infer<typeof queryField>;
const queryFormField = z.object({ field: z.string().max(80), operator: z.string().max(30) }).strict();

export const queryMethods = {
  /** The fields the builder offers for each root entity and each related list, custom fields included. */
  'queries.fields': defineMethod({
    input: z.object({}).strict(),
    output: z.object({
      customer: z.array(queryField),
      contact: z.array(queryField),
      relations: z.array(z.object({ relation: z.string(), entity: z.string(), label: z.string().nullable(), fields: z.array(queryField) })),
    }),
    permission: 'read',
  }),
  'queryForms.get': defineMethod({
    input: z.object({ entity: z.enum(['customer', 'contact']) }).strict(),
    output: z.object({ fields: z.array(queryFormField), saved: z.boolean() }),
    permission: 'read',
  }),
  'queryForms.save': defineMethod({
    input: z.object({ entity: z.enum(['customer', 'contact']), fields: z.array(queryFormField).max(30) }).strict(),
    output: z.array(queryFormField),
    permission: 'manage',
  }),
  'queries.run': defineMethod({
    input: z
      .object({
        definition: queryDefinition,
        offset: z.number().int().min(0).max(10_000_000),
        limit: z.number().int().min(1).max(500),
        /** Customer results sort by a CUSTOMER_SORTABLE field, contact results by a CONTACT_RESULT_SORTABLE one. */
        sort: z
          .object({ field: z.union([z.enum(CUSTOMER_SORTABLE), z.enum(CONTACT_RESULT_SORTABLE), z.literal('figure')]), dir: z.enum(['asc', 'desc']) })
          .strict()
          .optional(),
        /** Customer results only: a number per customer (a drill's figure), returned in `figures` and the default order (largest first). */
        figure: resultFigure.optional(),
      })
      .strict(),
    output: z.object({
      total: z.number().int(),
      customers: z.array(customer),
      contacts: z.array(contactResult),
      figures: z.array(z.number().nullable()).optional(),
    }),
    permission: 'read',
  }),
  'queries.count': defineMethod({
    input: z.object({ definition: queryDefinition }).strict(),
    output: z.object({ count: z.number().int() }),
    permission: 'read',
  }),
  'queries.saved': defineMethod({ input: z.object({}).strict(), output: z.array(savedQuery), permission: 'read' }),
  'queries.save': defineMethod({
    input: z.object({ name: queryName, definition: queryDefinition, shared: z.boolean(), pinned: z.boolean() }).strict(),
    output: savedQuery,
    permission: 'write',
  }),
  'queries.update': defineMethod({
    input: z
      .object({
        id: entityId,
        patch: z.object({ name: queryName, definition: queryDefinition, shared: z.boolean(), pinned: z.boolean() }).partial().strict(),
      })
      .strict(),
    output: savedQuery,
    permission: 'write',
  }),
  'queries.delete': defineMethod({ input: z.object({ id: entityId }).strict(), output: ok, permission: 'write' }),
  'queries.pinnedCounts': defineMethod({
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.string(), count: z.number().int().nullable(), broken: z.boolean() })),
    permission: 'read',
  }),
  'queries.export': defineMethod({
    input: z
      .object({
        definition: queryDefinition,
        format: z.enum(['xlsx', 'csv']),
        columns: z.array(exportColumn).min(1).max(60),
        fileName: z.string().trim().min(1).max(120),
      })
      .strict(),
    /** The 'export' job's id; its job.finished result is a QueryExportResult. */
    output: z.object({ jobId: z.string() }),
    permission: 'read',
  }),

  'favourites.folders': defineMethod({
    input: z.object({ entity: favouriteEntity.optional() }).strict(),
    output: z.array(favouriteFolder),
    permission: 'read',
  }),
  'favourites.createFolder': defineMethod({
    input: z.object({ name: queryName, entity: favouriteEntity }).strict(),
    output: favouriteFolder,
    permission: 'write',
  }),
  'favourites.renameFolder': defineMethod({ input: z.object({ id: entityId, name: queryName }).strict(), output: ok, permission: 'write' }),
  'favourites.deleteFolder': defineMethod({ input: z.object({ id: entityId }).strict(), output: ok, permission: 'write' }),
  'favourites.add': defineMethod({
    input: z.object({ folderId: entityId, target }).strict(),
    output: z.object({ added: z.number().int() }),
    permission: 'write',
  }),
  'favourites.remove': defineMethod({
    input: z.object({ folderId: entityId, ids: z.array(entityId).min(1).max(100_000) }).strict(),
    output: z.object({ removed: z.number().int() }),
    permission: 'write',
  }),
  'favourites.of': defineMethod({ input: z.object({ id: entityId }).strict(), output: z.array(z.string()), permission: 'read' }),

  'customers.bulkUpdate': defineMethod({
    input: z.object({ target, action: bulkAction }).strict(),
    output: z.object({ changed: z.number().int() }),
    permission: 'write',
  }),
} as const;
