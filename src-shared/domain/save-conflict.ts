import { z } from 'zod';

/**
 * A record's version: the log position of its latest change (see docs/data-model.md, "Versions
 * and save conflicts"). A save sends the version its input was based on.
 */
export const recordVersion = z.number().int().min(0);

/**
 * One field a save did not write because someone else changed it after the version the save was
 * based on: what the user started from (`base`), what they typed (`mine`), what is stored now
 * (`theirs`), and who made the latest of those changes and when. The user decides; the decision
 * is saved as an ordinary change with the version the save answered.
 */
export const fieldConflict = z.object({
  /** The patch's field name; a custom field as `custom.<column>`; an order's lines as `lines`. */
  field: z.string(),
  base: z.unknown(),
  mine: z.unknown(),
  theirs: z.unknown(),
  byUserId: z.string(),
  byUserName: z.string(),
  at: z.string(),
});
export type FieldConflict = z.infer<typeof fieldConflict>;

/** What an update answers besides the record: the fields it left for the user to decide. */
export const saveConflicts = { conflicts: z.array(fieldConflict) };
