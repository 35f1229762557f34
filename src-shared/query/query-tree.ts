import { z } from 'zod';
import { QUERY_ENTITIES } from './query-fields';

// A user-built query as plain JSON: nested AND/OR groups of conditions. Stored in saved queries,
// compiled to parameterised SQL in main, evaluated in memory by the tests' model.

export const RELATIVE_PERIODS = ['today', 'thisWeek', 'thisMonth', 'thisQuarter', 'thisYear', 'lastWeek', 'lastMonth', 'lastQuarter', 'lastYear', 'lastNDays', 'nextNDays'] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

const scalar = z.union([z.string().max(500), z.number().finite()]);

export const conditionNode = z
  .object({
    kind: z.literal('condition'),
    field: z.string().max(80),
    operator: z.enum([
      'eq',
      'neq',
      'contains',
      'notContains',
      'startsWith',
      'in',
      'notIn',
      'empty',
      'notEmpty',
      'gt',
      'gte',
      'lt',
      'lte',
      'between',
      'before',
      'after',
      'relative',
      'anniversaryWithin',
    ]),
    value: scalar.optional(),
    /** Upper bound for `between`. */
    value2: scalar.optional(),
    values: z.array(scalar).max(1000).optional(),
    period: z.enum(RELATIVE_PERIODS).optional(),
    /** N for lastNDays / nextNDays / anniversaryWithin. */
    days: z.number().int().min(0).max(3660).optional(),
  })
  .strict();
export type ConditionNode = z.infer<typeof conditionNode>;

export interface GroupNode {
  kind: 'group';
  op: 'and' | 'or';
  children: QueryNode[];
}

export interface RelatedNode {
  kind: 'related';
  /** `contacts`, `orders`, or `records:<businessTypeId>`. */
  relation: string;
  /**
   * has: at least one related row matches; hasNo: none does; count: how many match compares;
   * aggregate: a sum / max / min over the matching rows compares ("order total in the last 12
   * months > 100,000": sum of totalFen where orderDate in the last 365 days, gt 10000000 fen).
   */
  mode: 'has' | 'hasNo' | 'count' | 'aggregate';
  where?: GroupNode | undefined;
  count?: { op: 'eq' | 'gt' | 'gte' | 'lt' | 'lte'; value: number } | undefined;
  aggregate?: { fn: 'sum' | 'max' | 'min'; field: string; op: 'eq' | 'gt' | 'gte' | 'lt' | 'lte'; value: number | string } | undefined;
}

export type QueryNode = ConditionNode | GroupNode | RelatedNode;

export const groupNode: z.ZodType<GroupNode> = z.lazy(() =>
  z
    .object({
      kind: z.literal('group'),
      op: z.enum(['and', 'or']),
      children: z.array(queryNode).max(100),
    })
    .strict(),
);

export const relatedNode: z.ZodType<RelatedNode> = z.lazy(() =>
  z
    .object({
      kind: z.literal('related'),
      relation: z.string().max(80), // "records:" + a 36-character id
      mode: z.enum(['has', 'hasNo', 'count', 'aggregate']),
      where: groupNode.optional(),
      count: z.object({ op: z.enum(['eq', 'gt', 'gte', 'lt', 'lte']), value: z.number().int().min(0).max(1_000_000) }).strict().optional(),
      aggregate: z
        .object({
          fn: z.enum(['sum', 'max', 'min']),
          field: z.string().max(80),
          op: z.enum(['eq', 'gt', 'gte', 'lt', 'lte']),
          value: z.union([z.number().finite(), z.string().max(40)]),
        })
        .strict()
        .optional(),
    })
    .strict(),
);

export const queryNode: z.ZodType<QueryNode> = z.lazy(() => z.union([conditionNode, groupNode, relatedNode]));

export const queryDefinition = z
  .object({
    entity: z.enum(QUERY_ENTITIES),
    where: groupNode,
  })
  .strict();
export type QueryDefinition = z.infer<typeof queryDefinition>;

export function emptyQuery(entity: QueryDefinition['entity'] = 'customer'): QueryDefinition {
  return { entity, where: { kind: 'group', op: 'and', children: [] } };
}
