import { listDeletedCustomers, restoreCustomer } from '../services/customers/deleted-customers';
import { purgeCustomer } from '../services/customers/purge-customer';
import type { Handlers, RouterDeps } from './handlers';

type Names = 'customers.listDeleted' | 'customers.restore' | 'customers.purge';

export function createDeletedCustomerHandlers({ host }: RouterDeps): Pick<Handlers, Names> {
  const ws = () => host.workspace;
  return {
    'customers.listDeleted': ({ offset, limit }) => listDeletedCustomers(ws(), offset, limit),
    'customers.restore': ({ id }, ctx) => {
      restoreCustomer(ws(), ctx, id);
      return { ok: true };
    },
    'customers.purge': async ({ id }, ctx) => {
      const result = await purgeCustomer(ws(), ctx, id);
      return result;
    },
  };
}
