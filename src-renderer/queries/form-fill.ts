import { isConditionComplete } from '../../src-shared/query/condition-complete';
import type { ConditionNode } from '../../src-shared/query/query-tree';

/**
 * Whether the assistant filled in this field of the simple form (empty ones are left out of the
 * query): complete as main judges a condition; 为空 / 不为空 only when ticked.
 */
export function isFilled(n: ConditionNode, active: boolean): boolean {
  return n.operator === 'empty' || n.operator === 'notEmpty' ? active : isConditionComplete(n);
}
