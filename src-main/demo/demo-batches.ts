import { customerCreateInput } from '../../src-shared/domain/customer';
import { contactCreateInput } from '../../src-shared/domain/organisation';
import { businessRecordInput } from '../../src-shared/domain/business';
import { orderInput, receiptInput } from '../../src-shared/domain/sales';
import { orderTotalOf } from '../services/sales/order-bulk';
import { prepareCustomerTree, type PreparedCustomerTree } from '../services/customers/customer-bulk';
import { validate } from '../services/shared/validate';
import { demoBusinessRecords, demoReceipts, type DemoRecord, type DemoRecordTemplate } from './demo-followups';
import { demoOrders } from './demo-orders';
import { demoCustomer, type DemoCustomerTree } from './demo-records';
import { pooledUuidV7 } from '../changelog/pooled-uuid';

/** Everything needed to build any slice of the demo customers, independent of the database. */
export interface DemoPlan {
  seed: number;
  total: number;
  /** Demo customer number of customer #0 of this run (a continuation starts after the earlier run's). */
  firstIndex?: number;
  /** The KH number of customer #0. */
  firstCode: number;
  employeeIds: readonly string[];
  /** `[employee index, weight]` for picking owners. */
  owners: readonly (readonly [number, number])[];
  /** Sales: orders per customer (0 = none), the catalogue they pick from, and the last day of history. */
  ordersPerCustomer?: number;
  products?: readonly { id: string; name: string; priceFen: number }[];
  salesUntil?: string;
  /**
   * With sales: the business types records are written to (销售机会跟踪, 客户回访), with their
   * statuses and the column of each field by its label.
   */
  recordTypes?: Partial<Record<DemoRecordTemplate, DemoRecordType>>;
}

export interface DemoRecordType {
  typeId: string;
  statuses: readonly string[];
  columns: Readonly<Record<string, string>>;
}

export type DemoOrderValues = ReturnType<typeof orderInput.parse>;

/** A customer ready to write, with its orders (validated, ids assigned) when the plan has sales. */
export type DemoItem = PreparedCustomerTree & {
  orders?: { id: string; values: DemoOrderValues }[];
  receipts?: { id: string; values: ReturnType<typeof receiptInput.parse> }[];
  records?: { id: string; values: ReturnType<typeof businessRecordInput.parse> }[];
};

/** Customers [from, to) of the plan, with ids, validated by the contract's schemas, ready to write. */
export function buildDemoBatch(plan: DemoPlan, from: number, to: number): DemoItem[] {
  const out: DemoItem[] = [];
  const perCustomer = plan.ordersPerCustomer ?? 0;
  for (let i = from; i < Math.min(to, plan.total); i += 1) {
    const n = (plan.firstIndex ?? 0) + i;
    const demo = demoCustomer(plan.seed, n, plan.firstCode + i, plan.owners);
    const item: DemoItem = prepareCustomerTree(validatedTree(demo, plan.employeeIds));
    if (perCustomer > 0 && plan.products && plan.salesUntil) {
      const orders = demoOrders({
        seed: plan.seed,
        index: n,
        count: perCustomer,
        until: plan.salesUntil,
        customerClass: item.customer.customerClass,
        lifecycle: item.customer.lifecycle,
        products: plan.products,
      });
      item.orders = orders.map((o) => ({
        id: pooledUuidV7(),
        values: orderInput.parse({ ...o, customerId: item.id, ownerId: item.customer.ownerId }),
      }));
      addFollowUps(plan, n, item, item.orders);
    }
    out.push(item);
  }
  return out;
}

/** Receipts against the customer's orders and its business records, validated by the contract's schemas. */
function addFollowUps(plan: DemoPlan, n: number, item: DemoItem, orders: readonly { id: string; values: DemoOrderValues }[]): void {
  const until = plan.salesUntil as string;
  const totals = orders.map((o) => ({ orderDate: o.values.orderDate, status: o.values.status, totalFen: orderTotalOf(o.values) }));
  item.receipts = demoReceipts({ seed: plan.seed, index: n, until, orders: totals }).map((r) => ({
    id: pooledUuidV7(),
    values: receiptInput.parse({
      customerId: item.id,
      orderId: orders[r.order]?.id ?? null,
      receiptDate: r.receiptDate,
      amountFen: r.amountFen,
      method: r.method,
      notes: r.notes,
    }),
  }));
  const types = plan.recordTypes;
  if (!types) return;
  const records = demoBusinessRecords({
    seed: plan.seed,
    index: n,
    until,
    customerClass: item.customer.customerClass,
    lifecycle: item.customer.lifecycle,
    contacts: item.contacts.length,
    products: (plan.products ?? []).map((p) => p.name),
  });
  item.records = records.flatMap((r) => {
    const type = types[r.template];
    // A type the user changed (a status or field gone) takes what still fits.
    if (!type || !type.statuses.includes(r.status)) return [];
    return [{ id: pooledUuidV7(), values: businessRecordInput.parse(recordValues(r, type, item)) }];
  });
}

function recordValues(r: DemoRecord, type: DemoRecordType, item: DemoItem) {
  const custom: Record<string, string | number> = {};
  for (const [label, value] of Object.entries(r.values)) {
    const column = type.columns[label];
    if (column) custom[column] = value;
  }
  return {
    typeId: type.typeId,
    customerId: item.id,
    contactId: r.contact === null ? null : (item.contacts[r.contact]?.id ?? null),
    employeeId: item.customer.ownerId,
    title: r.title,
    status: r.status,
    custom,
  };
}

function validatedTree(demo: DemoCustomerTree, employeeIds: readonly string[]) {
  const id = pooledUuidV7();
  const ownerId = demo.owner === null ? null : (employeeIds[demo.owner] ?? null);
  const customer = validate(customerCreateInput, { ...demo.customer, ownerId });
  const departments: { id: string; parentId: string | null; name: string }[] = [];
  for (const d of demo.departments) {
    const parentId = d.parent === null ? null : (departments[d.parent]?.id ?? null);
    departments.push({ id: pooledUuidV7(), parentId, name: d.name });
  }
  const contacts = demo.contacts.map((c) => ({
    id: pooledUuidV7(),
    values: validate(contactCreateInput, {
      ...c.values,
      customerId: id,
      departmentId: c.department === null ? null : (departments[c.department]?.id ?? null),
    }),
  }));
  return { id, customer, departments, contacts };
}
