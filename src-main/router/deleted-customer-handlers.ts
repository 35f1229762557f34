import { listDeletedCustomers, restoreCustomer } from '../services/customers/deleted-customers';
import { purgeCustomer } from '../services/customers/purge-customer';
import type { Handlers, RouterDeps } from './handlers';

type Names = 'customers.listDeleted' | 'customers.restore' | 'customers.purge';

export function createDeletedCustomerHandlers({ host }: RouterDeps): Pick<Handlers, Names> {
  const ws = () => host.workspace;
  const changed = (ids: string[]) => host.emit({ type: 'data.changed', entities: ['customer'], ids });
  return {
    'customers.listDeleted': ({ offset, limit }) => listDeletedCustomers(ws(), offset, limit),
    'customers.restore': ({ id }, ctx) => {
      restoreCustomer(ws(), ctx, id);
      changed([id]);
      return { ok: true };
    },
    'customers.purge': async ({ id }, ctx) => {
      const result = await purgeCustomer(ws(), ctx, id);
      changed([id]);
      return result;
    },
  };
}
