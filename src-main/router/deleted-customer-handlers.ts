import { listDeletedCustomers, restoreCustomer } from '../services/customers/deleted-customers';
import { purgeCustomer } from '../services/customers/purge-customer';
import type { Handlers, RouterDeps } from './handlers';
import { actorOf, appendAudit } from '../people/audit-log';

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
      const workspace = ws();
      const result = await purgeCustomer(workspace, ctx, id);
      // The customer's name is gone for good: the row keeps only its id and how much was scrubbed.
      appendAudit(workspace, { action: 'customerPurged', actor: actorOf(ctx), customerId: id, rowCount: result.logRowsScrubbed });
      return result;
    },
  };
}
