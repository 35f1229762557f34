import type { ConditionNode } from '../../src-shared/query/query-tree';

/** Whether the assistant filled in this field of the simple form (empty ones are left out of the query). */
export function isFilled(n: ConditionNode, active: boolean): boolean {
  switch (n.operator) {
    case 'empty':
    case 'notEmpty':
      return active;
    case 'in':
    case 'notIn':
      return (n.values ?? []).length > 0;
    case 'between':
      return n.value !== undefined && n.value2 !== undefined;
    case 'relative':
      return n.period !== undefined && (!(n.period === 'lastNDays' || n.period === 'nextNDays') || n.days !== undefined);
    case 'anniversaryWithin':
      return n.days !== undefined;
    default:
      return n.value !== undefined && n.value !== '';
  }
}
