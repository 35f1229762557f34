import type { ConditionNode } from './query-tree';

// One rule for "has this condition everything its operator needs", for main (queryProblems:
// missingValue, so an unfinished condition is never run) and the renderer (the simple form leaves
// unfilled fields out). An empty list or empty text is no value: "属于 (nothing ticked)" is a
// condition not yet finished, not one that matches nobody.

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

export function isConditionComplete(n: ConditionNode): boolean {
  switch (n.operator) {
    case 'empty':
    case 'notEmpty':
      return true;
    case 'in':
    case 'notIn':
      return (n.values ?? []).some(present);
    case 'between':
      return present(n.value) && present(n.value2);
    case 'relative':
      return n.period !== undefined && (!(n.period === 'lastNDays' || n.period === 'nextNDays') || n.days !== undefined);
    case 'anniversaryWithin':
      return n.days !== undefined;
    default:
      return present(n.value);
  }
}
