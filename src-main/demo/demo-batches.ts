import { customerCreateInput } from '../../src-shared/domain/customer';
import { contactCreateInput } from '../../src-shared/domain/organisation';
import { orderInput } from '../../src-shared/domain/sales';
import { prepareCustomerTree, type PreparedCustomerTree } from '../services/customers/customer-bulk';
import { validate } from '../services/shared/validate';
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
}

export type DemoOrderValues = ReturnType<typeof orderInput.parse>;

/** A customer ready to write, with its orders (validated, ids assigned) when the plan has sales. */
export type DemoItem = PreparedCustomerTree & { orders?: { id: string; values: DemoOrderValues }[] };

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
      item.orders = orders.map((o) => ({ id: pooledUuidV7(), values: orderInput.parse({ ...o, customerId: item.id, ownerId: item.customer.ownerId }) }));
    }
    out.push(item);
  }
  return out;
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
