import { z } from 'zod';
import { ROLES } from './enums';
import { entityId, requiredText } from './field-rules';

// Users of one workspace file (issue 19). Logins are matched regardless of case; passwords are
// never returned, only whether one is set.

export const login = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .max(40, { error: 'tooLong' })
  .regex(/^[\p{L}\p{N}._@-]+$/u, { error: 'invalidLogin' });

/** Long enough to be worth hashing; no composition rules (length matters more than symbols). */
export const newPassword = z.string({ error: 'required' }).min(6, { error: 'passwordTooShort' }).max(200, { error: 'tooLong' });

export const userSummary = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  employeeId: z.string().nullable(),
  employeeName: z.string().nullable(),
  active: z.boolean(),
  hasPassword: z.boolean(),
  /** Until this time sign-in is refused (too many wrong passwords); null when not locked. */
  lockedUntil: z.string().nullable(),
  failedAttempts: z.number().int(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof userSummary>;

export const userCreateInput = z
  .object({
    login,
    displayName: requiredText(60),
    role: z.enum(ROLES),
    employeeId: entityId.nullable().optional(),
    password: newPassword,
  })
  .strict();
export type UserCreateInput = z.input<typeof userCreateInput>;

export const userPatch = z
  .object({ displayName: requiredText(60), role: z.enum(ROLES), employeeId: entityId.nullable() })
  .partial()
  .strict();

/** Who this window is signed in as, and whether this workspace asks anyone to sign in. */
export const sessionState = z.object({
  /** The workspace has a password or more than one user: the sign-in screen is shown when nobody is signed in. */
  signInRequired: z.boolean(),
  user: z.object({ id: z.string(), login: z.string(), displayName: z.string(), role: z.enum(ROLES), hasPassword: z.boolean() }).nullable(),
});
export type SessionState = z.infer<typeof sessionState>;

/**
 * 停用并移交 (a salesperson leaves): what moves to the chosen employee. `open` orders are those not
 * completed or cancelled; open business records are those whose status is not a final one of
 * their type's workflow. Closed ones keep their employee: they are history.
 */
export const transferCounts = z.object({
  /** The leaving user's linked employee (null: nothing to move, the user is only disabled). */
  fromEmployeeId: z.string().nullable(),
  customers: z.number().int(),
  orders: z.number().int(),
  records: z.number().int(),
  /** 相关员工 rows: customers the leaving employee serves without owning them. */
  staff: z.number().int(),
});
export type TransferCounts = z.infer<typeof transferCounts>;
