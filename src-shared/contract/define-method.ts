import type { z } from 'zod';

/** The level of its area (method-areas.ts) a method needs; the matrix in domain/permissions.ts. */
export type { Permission } from '../domain/permissions';
import type { Permission } from '../domain/permissions';

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: Permission;
  /** Served while nobody is signed in (the sign-in screen, choosing another workspace). */
  signedOut?: true;
}

export function defineMethod<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}
