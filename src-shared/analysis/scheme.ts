import { z } from 'zod';

// A classification scheme as the manager defines it in the UI.

export const METRICS = ['revenue', 'profit', 'orders', 'daysSinceLastOrder', 'outstanding', 'relationshipLevel'] as const;
/** Built-in metrics, or `custom:<column>` for a numeric custom field of customers. */
export const metricKey = z.union([z.enum(METRICS), z.string().regex(/^custom:cf_[a-z0-9]{6,16}$/)]);
export type MetricKey = z.infer<typeof metricKey>;

export const schemeClass = z
  .object({ key: z.string().trim().min(1).max(10), label: z.string().trim().min(1).max(20), color: z.string().max(20).optional() })
  .strict();

const condition = z.object({ metric: metricKey, op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq']), value: z.number().finite() }).strict();

export const schemeDefinition = z
  .object({
    classes: z.array(schemeClass).min(2).max(6),
    /** Metrics are measured over the last N days up to the analysis date. */
    windowDays: z.number().int().min(1).max(3660).default(365),
    method: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('rules'),
          /** First matching rule wins; a customer no rule matches gets the last class. */
          rules: z.array(z.object({ classKey: z.string().max(10), all: z.array(condition).min(1).max(10) }).strict()).max(10),
        })
        .strict(),
      z
        .object({
          kind: z.literal('contribution'),
          metric: z.enum(['revenue', 'profit']),
          /** Cumulative share each class reaches, in class order; the last is 1. E.g. A 0.7, B 0.9, C 1. */
          cuts: z.array(z.number().min(0).max(1)).min(1).max(6),
        })
        .strict(),
    ]),
  })
  .strict()
  .superRefine((d, ctx) => {
    const keys = d.classes.map((c) => c.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['classes'], message: 'duplicateValue' });
    if (d.method.kind === 'rules' && d.method.rules.some((r) => !keys.includes(r.classKey)))
      ctx.addIssue({ code: 'custom', path: ['method'], message: 'invalid' });
    if (d.method.kind === 'contribution') {
      const cuts = d.method.cuts;
      if (cuts.length !== d.classes.length || cuts.some((c, i) => i > 0 && c < (cuts[i - 1] ?? 0)) || cuts[cuts.length - 1] !== 1) {
        ctx.addIssue({ code: 'custom', path: ['method', 'cuts'], message: 'invalid' });
      }
    }
  });
export type SchemeDefinition = z.infer<typeof schemeDefinition>;

export const lifecycleRules = z
  .object({
    /** A customer whose first order is at most this many days old, with one order, is new. */
    newWithinDays: z.number().int().min(1).max(3650).default(90),
    /** No order for this many days: dormant (休眠/静止户). */
    dormantAfterDays: z.number().int().min(1).max(3650).default(180),
    /** No order for this many days: lost (流失). */
    lostAfterDays: z.number().int().min(1).max(3650).default(365),
  })
  .strict()
  .refine((r) => r.lostAfterDays > r.dormantAfterDays, { message: 'range', path: ['lostAfterDays'] });
export type LifecycleRules = z.infer<typeof lifecycleRules>;
