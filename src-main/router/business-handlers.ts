import { businessTypeFilter } from '../../src-shared/domain/permissions';
import {
  createBusinessRecord,
  deleteBusinessRecord,
  getBusinessRecord,
  listBusinessRecords,
  updateBusinessRecord,
} from '../services/business/business-record-service';
import { createFromTemplate, templateNames } from '../services/business/business-templates';
import { createBusinessType, deleteBusinessType, listBusinessTypes, updateBusinessType } from '../services/business/business-type-service';
import {
  createExpense,
  createExpenseCategory,
  deleteExpense,
  deleteExpenseCategory,
  listExpenseCategories,
  listExpenses,
  renameExpenseCategory,
  updateExpense,
} from '../services/business/expense-service';
import { defaultLayout, getLayout, saveLayout } from '../services/layouts/layout-service';
import { groupedTotals } from '../services/lists/grouped-totals';
import type { BusinessTemplate } from '../../src-shared/domain/business';
import type { Handlers, RouterDeps } from './handlers';

type Names =
  | 'businessTypes.list'
  | 'businessTypes.templates'
  | 'businessTypes.create'
  | 'businessTypes.createFromTemplate'
  | 'businessTypes.update'
  | 'businessTypes.delete'
  | 'records.list'
  | 'records.get'
  | 'records.create'
  | 'records.update'
  | 'records.delete'
  | 'expenseCategories.list'
  | 'expenseCategories.create'
  | 'expenseCategories.update'
  | 'expenseCategories.delete'
  | 'expenses.list'
  | 'expenses.create'
  | 'expenses.update'
  | 'expenses.delete'
  | 'lists.group'
  | 'layouts.get'
  | 'layouts.save'
  | 'layouts.reset';

const OK = { ok: true } as const;

export function createBusinessHandlers({ host }: RouterDeps): Pick<Handlers, Names> {
  const ws = () => host.workspace;

  return {
    'businessTypes.list': () => listBusinessTypes(ws()),
    'businessTypes.templates': () => Object.entries(templateNames()).map(([key, name]) => ({ key: key as BusinessTemplate, name })),
    'businessTypes.create': (input, ctx) => createBusinessType(ws(), ctx, input),
    'businessTypes.createFromTemplate': ({ template, name }, ctx) => createFromTemplate(ws(), ctx, template, name),
    'businessTypes.update': ({ id, patch }, ctx) => updateBusinessType(ws(), ctx, id, patch),
    'businessTypes.delete': ({ id }, ctx) => {
      deleteBusinessType(ws(), ctx, id);
      return OK;
    },

    'records.list': (filter, ctx) => listBusinessRecords(ws(), filter, businessTypeFilter(host.rulesOf(ctx), 'read')),
    'records.get': ({ id }) => getBusinessRecord(ws(), id),
    'records.create': (input, ctx) => {
      const r = createBusinessRecord(ws(), ctx, input);
      return r;
    },
    'records.update': ({ id, patch, baseVersion }, ctx) => {
      const r = updateBusinessRecord(ws(), ctx, id, patch, baseVersion);
      return r;
    },
    'records.delete': ({ id }, ctx) => {
      deleteBusinessRecord(ws(), ctx, id);
      return OK;
    },

    'expenseCategories.list': () => listExpenseCategories(ws()),
    'expenseCategories.create': (input, ctx) => createExpenseCategory(ws(), ctx, input),
    'expenseCategories.update': ({ id, name, parentId }, ctx) => {
      renameExpenseCategory(ws(), ctx, id, name, parentId);
      return OK;
    },
    'expenseCategories.delete': ({ id }, ctx) => {
      deleteExpenseCategory(ws(), ctx, id);
      return OK;
    },
    'expenses.list': (filter) => listExpenses(ws(), filter),
    'expenses.create': (input, ctx) => createExpense(ws(), ctx, input),
    'expenses.update': ({ id, patch }, ctx) => updateExpense(ws(), ctx, id, patch),
    'expenses.delete': ({ id }, ctx) => {
      deleteExpense(ws(), ctx, id);
      return OK;
    },

    'lists.group': ({ source, groupBy, measures }) => groupedTotals(ws(), source, groupBy, measures),

    'layouts.get': ({ entity }) => getLayout(ws(), entity),
    'layouts.save': ({ entity, layout }, ctx) => saveLayout(ws(), ctx, entity, layout),
    'layouts.reset': ({ entity }, ctx) => saveLayout(ws(), ctx, entity, defaultLayout(ws(), entity)),
  };
}
