import type { QueryDefinition } from '../../src-shared/query/query-tree';
import { useApp } from '../app/app-store';
import { useQuery } from '../queries/query-store';

/** Opens the 查询 screen on a definition, run at once: its conditions in the builder, a query the user can save. */
export function openQuery(definition: QueryDefinition): void {
  useApp.getState().setScreen('queries');
  useQuery.getState().run(definition);
}

/** One condition on a customer field. */
export function openCustomerQuery(field: string, value: string | number): void {
  openQuery({ entity: 'customer', where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field, operator: 'eq', value }] } });
}
