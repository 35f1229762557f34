import { describe, expect, it } from 'vitest';
import { queryDefinition } from '../../../src-shared/query/query-tree';

describe('the query tree contract', () => {
  it('takes a condition on the records of a business type, whose relation names a 36-character id', () => {
    // "No 回访 in 60 days": the relation is records:<type id>, as the builder and the drills write it.
    const relation = 'records:0194f3a2-7c1e-7b41-9d2a-5f8e6c3b1a90';
    const where = {
      kind: 'group',
      op: 'and',
      children: [{ kind: 'condition', field: 'createdAt', operator: 'relative', period: 'lastNDays', days: 60 }],
    };
    const parsed = queryDefinition.safeParse({
      entity: 'customer',
      where: { kind: 'group', op: 'and', children: [{ kind: 'related', relation, mode: 'hasNo', where }] },
    });
    expect(parsed.success).toBe(true);
    expect(
      queryDefinition.safeParse({
        entity: 'customer',
        where: { kind: 'group', op: 'and', children: [{ kind: 'related', relation: `records:${'x'.repeat(90)}`, mode: 'has' }] },
      }).success,
    ).toBe(false);
  });
});
