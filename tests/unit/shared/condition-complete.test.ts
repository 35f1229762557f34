import { describe, expect, it } from 'vitest';
import { isConditionComplete } from '../../../src-shared/query/condition-complete';
import type { ConditionNode } from '../../../src-shared/query/query-tree';

const c = (operator: ConditionNode['operator'], rest: Partial<ConditionNode> = {}): ConditionNode => ({
  kind: 'condition',
  field: 'f',
  operator,
  ...rest,
});

describe('isConditionComplete', () => {
  it('needs a value, and empty text or an empty list is none', () => {
    expect(isConditionComplete(c('eq', { value: '广东' }))).toBe(true);
    expect(isConditionComplete(c('eq', { value: 0 }))).toBe(true);
    expect(isConditionComplete(c('contains', { value: '' }))).toBe(false);
    expect(isConditionComplete(c('contains'))).toBe(false);
    expect(isConditionComplete(c('in', { values: ['A'] }))).toBe(true);
    expect(isConditionComplete(c('in', { values: [] }))).toBe(false);
    expect(isConditionComplete(c('notIn', { values: [''] }))).toBe(false);
    expect(isConditionComplete(c('notIn'))).toBe(false);
  });

  it('asks each operator for what it uses', () => {
    expect(isConditionComplete(c('empty'))).toBe(true);
    expect(isConditionComplete(c('notEmpty'))).toBe(true);
    expect(isConditionComplete(c('between', { value: 1 }))).toBe(false);
    expect(isConditionComplete(c('between', { value: '2026-01-01', value2: '' }))).toBe(false);
    expect(isConditionComplete(c('between', { value: 1, value2: 3 }))).toBe(true);
    expect(isConditionComplete(c('relative', { period: 'lastMonth' }))).toBe(true);
    expect(isConditionComplete(c('relative', { period: 'lastNDays' }))).toBe(false);
    expect(isConditionComplete(c('relative', { period: 'lastNDays', days: 0 }))).toBe(true);
    expect(isConditionComplete(c('relative'))).toBe(false);
    expect(isConditionComplete(c('anniversaryWithin'))).toBe(false);
    expect(isConditionComplete(c('anniversaryWithin', { days: 7 }))).toBe(true);
  });
});
