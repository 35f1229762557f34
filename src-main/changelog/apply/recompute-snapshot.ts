import { z } from 'zod';
import { getScheme, writeSnapshot } from '../../analysis/classification-service';
import type { WriteTx } from '../write-tx';

const run = z.object({ period: z.string().min(1), asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/** A logged classification run, applied: its snapshot computed here (the class moves arrive as their own entries). */
export function recomputeSnapshot(tx: WriteTx, schemeId: string, value: unknown): void {
  const parsed = run.safeParse(value);
  if (!parsed.success) return;
  let scheme;
  try {
    scheme = getScheme(tx.ws, schemeId);
  } catch {
    // The scheme was deleted before this run reached this file: nothing to show the run under.
    return;
  }
  writeSnapshot(tx, scheme, parsed.data.period, parsed.data.asOf);
}
