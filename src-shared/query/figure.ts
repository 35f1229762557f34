import { z } from 'zod';

// A figure is a number computed per customer that a result list can show as a column and sort by:
// the value a report drew a customer from (its revenue in the Pareto window, its days since the
// last order in 静止户). A drill names its figure; queries.run computes it in SQL for the customers
// it matches, so the list is sorted in main and only a page crosses to the renderer.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const resultFigure = z.discriminatedUnion('kind', [
  /** Sales (orders neither deleted nor cancelled) between `from` and `to`, in fen. */
  z.object({ kind: z.literal('revenue'), from: date, to: date }).strict(),
  /**
   * Lifetime value of one customer, as the CLV report computes it for the average buyer: window
   * revenue ÷ window years × lifespan × margin, in fen (`factor` = lifespan × margin ÷ years).
   */
  z.object({ kind: z.literal('clv'), from: date, to: date, factor: z.number().finite().min(0).max(1_000_000) }).strict(),
  /** Days from the last sale on or before `asOf` up to `asOf` (null: no sale). */
  z.object({ kind: z.literal('quietDays'), asOf: date }).strict(),
]);
export type ResultFigure = z.infer<typeof resultFigure>;

/** Which way a figure's list starts: the most first (revenue, value), the longest quiet first. */
export const FIGURE_DEFAULT_DIR = 'desc' as const;
