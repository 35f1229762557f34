import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { queryProblems } from '../../../src-main/services/query/compile-query';
import { matchingIds } from '../../../src-main/services/query/run-query';
import type { QueryDefinition, QueryNode } from '../../../src-shared/query/query-tree';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

const and = (...children: QueryNode[]): QueryDefinition => ({ entity: 'customer', where: { kind: 'group', op: 'and', children } });

// The query builder and the simple form judge "finished" by one rule (src-shared/query/condition-complete.ts).
describe('an unfinished condition', () => {
  it('属于 with nothing ticked, or empty text, is reported as missing a value and never run', () => {
    createCustomer(ws, testUser, { name: '甲', customerClass: 'A' });
    const def = and(
      { kind: 'condition', field: 'customerClass', operator: 'in', values: [] },
      { kind: 'condition', field: 'name', operator: 'contains', value: '' },
      { kind: 'condition', field: 'customerClass', operator: 'notIn', values: ['B'] },
    );
    expect(queryProblems(ws, def)).toEqual([
      { path: '0', code: 'missingValue', field: 'customerClass' },
      { path: '1', code: 'missingValue', field: 'name' },
    ]);
    expect(() => matchingIds(ws, def)).toThrow(expect.objectContaining({ code: 'QUERY_INVALID' }));
  });
});
