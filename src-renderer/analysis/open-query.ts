import type { QueryDefinition } from '../../src-shared/query/query-tree';
import { useApp } from '../app/app-store';
import { useQuery } from '../queries/query-store';

/** Opens the 查询 screen with one condition on a customer field, run at once (a query the user can save). */
export function openCustomerQuery(field: string, value: string | number): void {
  const definition: QueryDefinition = {
    entity: 'customer',
    where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field, operator: 'eq', value }] },
  };
  useApp.getState().setScreen('queries');
  useQuery.getState().run(definition);
}
