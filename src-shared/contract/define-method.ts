import type { z } from 'zod';

/** What a caller must be allowed to do; roles map to these in `permissions.ts`. */
export type Permission = 'read' | 'write' | 'manage';

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
