import { z } from 'zod';
import { lifecycleRules, type SchemeDefinition } from '../analysis/scheme';
import { entityId } from '../domain/field-rules';
import { defineMethod } from './define-method';
import { reportRequest } from './report-requests';
import { jobStarted } from './methods-base';

const ok = z.object({ ok: z.literal(true) });

export const schemeDto = z.object({ id: z.string(), name: z.string(), definition: z.unknown(), setsCustomerClass: z.boolean() });
/** A saved scheme as the screens read it: main stores only definitions it has checked (classification-service.ts). */
export type SchemeDto = Omit<z.infer<typeof schemeDto>, 'definition'> & { definition: SchemeDefinition };

/** Classification, lifecycle rules and reports. Heavy work runs as 'report' jobs; results arrive in job.finished. */
export const analysisMethods = {
  'classification.schemes': defineMethod({ input: z.object({}).strict(), output: z.array(schemeDto), permission: 'read' }),
  'classification.save': defineMethod({
    input: z
      .object({ id: entityId.optional(), name: z.string().trim().min(1).max(40), definition: z.unknown(), setsCustomerClass: z.boolean() })
      .strict(),
    output: schemeDto,
    permission: 'manage',
  }),
  'classification.delete': defineMethod({ input: z.object({ id: entityId }).strict(), output: ok, permission: 'manage' }),
  'classification.periods': defineMethod({ input: z.object({ schemeId: entityId }).strict(), output: z.array(z.string()), permission: 'read' }),
  'classification.override': defineMethod({
    input: z.object({ schemeId: entityId, customerId: entityId, customerClass: z.string().max(10), reason: z.string().max(500) }).strict(),
    output: ok,
    permission: 'manage',
  }),
  'lifecycle.rules': defineMethod({ input: z.object({}).strict(), output: lifecycleRules, permission: 'read' }),
  'lifecycle.saveRules': defineMethod({ input: z.object({ rules: z.unknown() }).strict(), output: lifecycleRules, permission: 'manage' }),
  /**
   * Starts a report (report-requests.ts: the kinds and their parameters; report-results.ts: what
   * each answers in job.finished). Kinds that change data (schemeApply, lifecycleApply) need the
   * manage permission, checked in main.
   */
  'reports.run': defineMethod({ input: z.object({ request: reportRequest }).strict(), output: jobStarted, permission: 'read' }),
  /** The first and last day with a sale: the analysis screens default their date to the last one when it is past. */
  'reports.salesDates': defineMethod({
    input: z.object({}).strict(),
    output: z.object({ firstOrderDate: z.string().nullable(), lastOrderDate: z.string().nullable() }),
    permission: 'read',
  }),
} as const;
