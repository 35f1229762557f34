import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWhere } from '../../../src-main/services/query/compile-query';
import { QUERY_LIMITS } from '../../../src-shared/query/query-tree';
import type { GroupNode, QueryNode } from '../../../src-shared/query/query-tree';
import { startTestShell } from '../../support/test-app';

// Hostile query trees and group keys arrive through the contract like any other input: they are
// refused as VALIDATION, never as a stack overflow or an SQL error reported as INTERNAL.

let shell: Awaited<ReturnType<typeof startTestShell>>;
beforeAll(async () => {
  shell = await startTestShell();
});
afterAll(async () => {
  await shell.stop();
});

const condition: QueryNode = { kind: 'condition', field: 'name', operator: 'notEmpty' };
const nested = (depth: number): GroupNode => {
  let node: GroupNode = { kind: 'group', op: 'and', children: [condition] };
  for (let i = 1; i < depth; i += 1) node = { kind: 'group', op: i % 2 ? 'or' : 'and', children: [node] };
  return node;
};
const call = (method: string, input: unknown) => shell.app.dispatch(method, input, shell.app.host.context);

describe('query tree limits', () => {
  it('answers a tree 600 levels deep (and 100,000) with VALIDATION', async () => {
    for (const depth of [600, 100_000]) {
      const res = await call('queries.count', { definition: { entity: 'customer', where: nested(depth) } });
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: { 'definition.where': 'tooMany' } } } });
    }
  });

  it('answers a tree with too many nodes with VALIDATION, and a tree at the limits normally', async () => {
    const wide: GroupNode = {
      kind: 'group',
      op: 'or',
      children: Array.from({ length: 30 }, () => ({ kind: 'group', op: 'and', children: Array.from({ length: 99 }, () => condition) })),
    };
    expect(await call('queries.count', { definition: { entity: 'customer', where: wide } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    await call('customers.create', { values: { name: '成都天府软件园有限公司' } });
    // The top group is level 1, its condition one level below the deepest group.
    const deepest = await call('queries.count', { definition: { entity: 'customer', where: nested(QUERY_LIMITS.depth - 1) } });
    expect(deepest).toEqual({ ok: true, value: { count: 1 } });
  });

  it('the compiler refuses a deep tree built in main with VALIDATION too', () => {
    expect(() => compileWhere(shell.app.host.workspace, { entity: 'customer', where: nested(5000) })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});

describe('grouped lists', () => {
  it("refuse group and measure keys that are not the whitelist's own (constructor, __proto__)", async () => {
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const byGroup = await call('lists.group', { source: { entity: 'customer' }, groupBy: [key], measures: [{ field: '', fn: 'count' }] });
      expect(byGroup).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: { groupBy: 'invalid' } } } });
      const byMeasure = await call('lists.group', { source: { entity: 'expense' }, groupBy: [], measures: [{ field: key, fn: 'sum' }] });
      expect(byMeasure).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: { measures: 'invalid' } } } });
    }
  });
});
