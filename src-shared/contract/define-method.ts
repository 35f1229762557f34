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
  /**
   * Touches this computer's file system or its own window (paths, native dialogs, the window's
   * sign-in, sharing itself): served to this computer's window, shell and CLI only. The router
   * refuses it for a host-mode client (`FORBIDDEN`, reason `localOnly`), which uploads what it
   * imports and downloads what it exports instead.
   */
  local?: true;
}

export function defineMethod<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}
