import { z } from 'zod';
import { QUERY_ENTITIES } from './query-fields';

// A user-built query as plain JSON: nested AND/OR groups of conditions. Stored in saved queries,
// compiled to parameterised SQL in main, evaluated in memory by the tests' model.

export const RELATIVE_PERIODS = [
  'today',
  'thisWeek',
  'thisMonth',
  'thisQuarter',
  'thisYear',
  'lastWeek',
  'lastMonth',
  'lastQuarter',
  'lastYear',
  'lastNDays',
  'nextNDays',
] as const;
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

export const groupNode: z.ZodType<GroupNode, GroupNode> = z.lazy(() =>
  z
    .object({
      kind: z.literal('group'),
      op: z.enum(['and', 'or']),
      children: z.array(queryNode).max(100),
    })
    .strict(),
);

export const relatedNode: z.ZodType<RelatedNode, RelatedNode> = z.lazy(() =>
  z
    .object({
      kind: z.literal('related'),
      relation: z.string().max(80), // "records:" + a 36-character id
      mode: z.enum(['has', 'hasNo', 'count', 'aggregate']),
      where: groupNode.optional(),
      count: z
        .object({ op: z.enum(['eq', 'gt', 'gte', 'lt', 'lte']), value: z.number().int().min(0).max(1_000_000) })
        .strict()
        .optional(),
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

export const queryNode: z.ZodType<QueryNode, QueryNode> = z.lazy(() => z.union([conditionNode, groupNode, relatedNode]));

/**
 * How deep and how large a tree may be. The schema is recursive, so a tree nested hundreds of
 * levels deep overflowed the stack inside zod (reported as INTERNAL); the tree is measured
 * without recursion first, and a tree past these limits is a VALIDATION error before any
 * recursive parse or compile. A query built in the UI stays far below them.
 */
export const QUERY_LIMITS = { depth: 24, nodes: 2000 } as const;

/** Counts levels and nodes with an explicit stack; stops as soon as a limit is passed. */
export function queryTreeSize(tree: unknown): { depth: number; nodes: number; tooLarge: 'depth' | 'nodes' | null } {
  const stack: { node: unknown; depth: number }[] = [{ node: tree, depth: 1 }];
  let depth = 0;
  let nodes = 0;
  while (stack.length > 0) {
    const { node, depth: d } = stack.pop() as { node: unknown; depth: number };
    if (typeof node !== 'object' || node === null) continue;
    nodes += 1;
    depth = Math.max(depth, d);
    if (depth > QUERY_LIMITS.depth) return { depth, nodes, tooLarge: 'depth' };
    if (nodes > QUERY_LIMITS.nodes) return { depth, nodes, tooLarge: 'nodes' };
    const children = Object.hasOwn(node, 'children') ? (node as { children?: unknown }).children : undefined;
    if (Array.isArray(children)) {
      // Only the first children count: the schema refuses more than 100 anyway.
      for (const child of children.slice(0, QUERY_LIMITS.nodes + 1)) stack.push({ node: child, depth: d + 1 });
    }
    const where = Object.hasOwn(node, 'where') ? (node as { where?: unknown }).where : undefined;
    if (where !== undefined) stack.push({ node: where, depth: d + 1 });
  }
  return { depth, nodes, tooLarge: null };
}

/** The top group, checked for depth and size before the recursive schema sees it. */
const boundedGroup = z.custom<GroupNode>((value) => queryTreeSize(value).tooLarge === null, { message: 'tooMany' }).pipe(groupNode);

export const queryDefinition = z
  .object({
    entity: z.enum(QUERY_ENTITIES),
    where: boundedGroup,
  })
  .strict();
export type QueryDefinition = z.infer<typeof queryDefinition>;

export function emptyQuery(entity: QueryDefinition['entity'] = 'customer'): QueryDefinition {
  return { entity, where: { kind: 'group', op: 'and', children: [] } };
}
