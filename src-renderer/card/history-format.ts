import type { TFunction } from 'i18next';
import type { ChangeEntry } from '../../src-shared/domain/change-log';
import type { HistoryLexicon } from '../../src-shared/domain/history-fields';
import { entryValueText, fieldLabelText, objectText, opText } from '../history/present-change';

/** One line for a toast: what the undone transaction had changed, in the history's words. */
export function describeUndo(t: TFunction, history: ChangeEntry[], lex: HistoryLexicon, txId: string): string {
  const entries = history.filter((e) => e.txId === txId);
  const first = entries[0];
  if (!first) return opText(t, 'update');
  if (first.op !== 'update') return `${opText(t, first.op)} ${objectText(t, first, lex)}`;
  const parts = entries.slice(0, 3).map((e) => {
    const oldText = entryValueText(t, e, e.oldValue, lex) || t('common.empty');
    const who = e.entity === 'customer' ? '' : `${objectText(t, e, lex)} `;
    const field = e.field ? fieldLabelText(t, e.entity, e.field, lex) : t('history.record');
    return `${who}${t('card.backTo', { field, value: oldText })}`;
  });
  return parts.join('；') + (entries.length > 3 ? ' …' : '');
}
