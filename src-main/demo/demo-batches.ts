import { customerCreateInput } from '../../src-shared/domain/customer';
import { contactCreateInput } from '../../src-shared/domain/organisation';
import { prepareCustomerTree, type PreparedCustomerTree } from '../services/customers/customer-bulk';
import { validate } from '../services/shared/validate';
import { demoCustomer, type DemoCustomerTree } from './demo-records';
import { pooledUuidV7 } from './fast-ids';

/** Everything needed to build any slice of the demo customers, independent of the database. */
export interface DemoPlan {
  seed: number;
  total: number;
  /** The KH number of customer #0. */
  firstCode: number;
  employeeIds: readonly string[];
  /** `[employee index, weight]` for picking owners. */
  owners: readonly (readonly [number, number])[];
}

/** Customers [from, to) of the plan, with ids, validated by the contract's schemas, ready to write. */
export function buildDemoBatch(plan: DemoPlan, from: number, to: number): PreparedCustomerTree[] {
  const out: PreparedCustomerTree[] = [];
  for (let i = from; i < Math.min(to, plan.total); i += 1) {
    out.push(prepareCustomerTree(validatedTree(demoCustomer(plan.seed, i, plan.firstCode + i, plan.owners), plan.employeeIds)));
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
