import { z } from 'zod';
import { changeEntry } from '../domain/change-log';
import { entityId } from '../domain/field-rules';
import { historyLexicon } from '../domain/history-fields';
import { defineMethod } from './define-method';

export const historyView = z.object({ entries: z.array(changeEntry), lexicon: historyLexicon });
export type HistoryView = z.infer<typeof historyView>;

export const historyMethods = {
  /** The card's history with what it takes to show it in words: names for ids, custom field labels, status labels. */
  'customers.historyView': defineMethod({
    input: z.object({ id: entityId, limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: historyView,
    permission: 'read',
  }),
} as const;
