import { allows } from '../../src-shared/domain/permissions';
import {
  changeFieldType,
  createField,
  deleteField,
  previewTypeChange,
  purgeField,
  restoreField,
  updateField,
  valueCount,
} from '../services/custom-fields/field-definition-service';
import { fieldHistory, recordFieldValue } from '../services/custom-fields/field-history';
import { listFields } from '../services/custom-fields/field-registry';
import { addCustomerStaff, customerStaff, removeCustomerStaff, updateCustomerStaff } from '../services/sales/customer-staff-service';
import { createOrder, customerOrders, deleteOrder, getOrder, updateOrder } from '../services/sales/order-service';
import { createProduct, deleteProduct, listProducts, updateProduct } from '../services/sales/product-service';
import { createReceipt, customerReceipts, deleteReceipt, updateReceipt } from '../services/sales/receipt-service';
import { purchasedProducts, salesSummary } from '../services/sales/sales-summary';
import type { Handlers, RouterDeps } from './handlers';

type Names =
  | 'fields.list'
  | 'fields.buildIndexes'
  | 'fields.cancelIndexing'
  | 'fields.create'
  | 'fields.update'
  | 'fields.delete'
  | 'fields.restore'
  | 'fields.purge'
  | 'fields.previewType'
  | 'fields.changeType'
  | 'fields.history'
  | 'fields.recordValue'
  | 'products.list'
  | 'products.create'
  | 'products.update'
  | 'products.delete'
  | 'orders.get'
  | 'orders.create'
  | 'orders.update'
  | 'orders.delete'
  | 'receipts.create'
  | 'receipts.update'
  | 'receipts.delete'
  | 'customerStaff.add'
  | 'customerStaff.update'
  | 'customerStaff.remove'
  | 'customers.related';

const OK = { ok: true } as const;

export function createCardHandlers({ host, fieldIndexes }: RouterDeps): Pick<Handlers, Names> {
  const ws = () => host.workspace;

  return {
    'fields.list': ({ entity, businessTypeId, includeDeleted }) => {
      const fields = listFields(ws(), entity, { ...(businessTypeId ? { businessTypeId } : {}), includeDeleted: includeDeleted ?? false });
      const states = fieldIndexes.states(ws(), fields);
      return fields.map((f) => ({ ...f, valueCount: valueCount(ws(), f), indexState: states.get(f.id) ?? 'none' }));
    },
    'fields.buildIndexes': () => {
      const jobId = fieldIndexes.schedule();
      // Lists refresh and show the fields as being indexed.
      return { jobId };
    },
    'fields.cancelIndexing': () => {
      fieldIndexes.cancel();
      return OK;
    },
    'fields.create': (input, ctx) => {
      const f = createField(ws(), ctx, input);
      return f;
    },
    'fields.update': ({ id, patch }, ctx) => {
      const f = updateField(ws(), ctx, id, patch);
      return f;
    },
    'fields.delete': ({ id }, ctx) => {
      deleteField(ws(), ctx, id);
      return OK;
    },
    'fields.restore': ({ id }, ctx) => {
      const f = restoreField(ws(), ctx, id);
      return f;
    },
    'fields.purge': ({ id }, ctx) => {
      purgeField(ws(), ctx, id);
      return OK;
    },
    'fields.previewType': ({ id, to, options }) => previewTypeChange(ws(), id, to, options ?? []),
    'fields.changeType': ({ id, to, options, acceptLoss }, ctx) => {
      const preview = changeFieldType(ws(), ctx, id, to, { acceptLoss, ...(options ? { selectOptions: options } : {}) });
      return preview;
    },
    'fields.history': ({ fieldId, rowId }) => fieldHistory(ws(), fieldId, rowId),
    'fields.recordValue': ({ fieldId, rowId, value, effectiveDate }, ctx) => {
      const points = recordFieldValue(ws(), ctx, fieldId, rowId, value, effectiveDate);
      return points;
    },

    'products.list': ({ q }) => listProducts(ws(), q ?? ''),
    'products.create': (input, ctx) => {
      const p = createProduct(ws(), ctx, input);
      return p;
    },
    'products.update': ({ id, patch }, ctx) => {
      const p = updateProduct(ws(), ctx, id, patch);
      return p;
    },
    'products.delete': ({ id }, ctx) => {
      deleteProduct(ws(), ctx, id);
      return OK;
    },

    'orders.get': ({ id }) => getOrder(ws(), id),
    'orders.create': (input, ctx) => {
      const o = createOrder(ws(), ctx, input);
      return o;
    },
    'orders.update': ({ id, patch, baseVersion }, ctx) => {
      const o = updateOrder(ws(), ctx, id, patch, baseVersion);
      return o;
    },
    'orders.delete': ({ id }, ctx) => {
      deleteOrder(ws(), ctx, id);
      return OK;
    },

    'receipts.create': (input, ctx) => {
      const r = createReceipt(ws(), ctx, input);
      return r;
    },
    'receipts.update': ({ id, patch }, ctx) => {
      const r = updateReceipt(ws(), ctx, id, patch);
      return r;
    },
    'receipts.delete': ({ id }, ctx) => {
      deleteReceipt(ws(), ctx, id);
      return OK;
    },

    'customerStaff.add': (input, ctx) => {
      const id = addCustomerStaff(ws(), ctx, input);
      return { id };
    },
    'customerStaff.update': ({ id, patch }, ctx) => {
      updateCustomerStaff(ws(), ctx, id, patch);
      return OK;
    },
    'customerStaff.remove': ({ id }, ctx) => {
      removeCustomerStaff(ws(), ctx, id);
      return OK;
    },

    // The card's sales tabs read the orders and receipts areas: a role without them gets the
    // tabs empty and the sums at zero, not the figures of an area it may not see.
    'customers.related': ({ id }, ctx) => {
      const rules = host.rulesOf(ctx);
      const seesOrders = allows(rules, 'orders', 'read');
      const seesReceipts = allows(rules, 'receipts', 'read');
      const summary = salesSummary(ws(), id);
      return {
        summary: {
          ...summary,
          ...(seesOrders ? {} : { orderCount: 0, ordersTotalFen: 0, lastOrderDate: null }),
          ...(seesReceipts ? {} : { receivedFen: 0 }),
          ...(seesOrders && seesReceipts ? {} : { outstandingFen: 0 }),
          ...(allows(rules, 'expenses', 'read') ? {} : { expenseTotalFen: 0 }),
        },
        orders: seesOrders ? customerOrders(ws(), id) : [],
        receipts: seesReceipts ? customerReceipts(ws(), id) : [],
        staff: customerStaff(ws(), id),
        purchased: seesOrders ? purchasedProducts(ws(), id) : [],
      };
    },
  };
}
