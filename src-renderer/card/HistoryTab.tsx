import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { formatDateTime } from '../i18n/labels';
import { opText, presentChange } from '../history/present-change';

/** Everything whose changes are logged on a customer's card. */
const CARD_ENTITIES = ['customer', 'contact', 'department', 'order', 'orderLine', 'receipt', 'customerStaff', 'businessRecord', 'expense'] as const;

/** 变动历史: the change log of this customer's card, newest first. */
export function HistoryTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { data: view, error } = useData(() => api.customers.historyView({ id: customerId, limit: 1000 }), [customerId], CARD_ENTITIES);

  if (error) return <div className="banner banner-error">{error}</div>;
  if (!view) return <div className="muted pad">{t('common.loading')}</div>;
  const { entries, lexicon } = view;
  if (entries.length === 0) return <div className="muted pad">{t('history.empty')}</div>;

  const undone = new Set(entries.map((e) => e.undoOf).filter((id): id is string => id !== null));
  return (
    <div className="history-tab" data-testid="history-list">
      <table className="data-table history-table">
        <thead>
          <tr>
            <th style={{ width: 120 }}>{t('history.time')}</th>
            <th style={{ width: 64 }}>{t('history.user')}</th>
            <th style={{ width: 56 }}>{t('history.op')}</th>
            <th style={{ width: 150 }}>{t('history.object')}</th>
            <th style={{ width: 110 }}>{t('history.field')}</th>
            <th>{t('history.change')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => {
            const prev = entries[i - 1];
            const newTx = !prev || prev.txId !== e.txId;
            const wasUndone = undone.has(e.txId);
            const { object, field, oldText, newText } = presentChange(t, e, lexicon);
            return (
              <tr
                key={e.id}
                className={`${newTx ? 'tx-start' : ''}${wasUndone ? ' undone' : ''}`}
                data-testid="history-row"
                data-op={e.op}
                data-field={e.field ?? ''}
                data-entity={e.entity}
              >
                <td className="nowrap">{newTx ? formatDateTime(e.at) : ''}</td>
                <td>{newTx ? e.userName : ''}</td>
                <td>
                  <span className={`op-badge op-${e.op}`}>{opText(t, e.op)}</span>
                </td>
                <td>{object}</td>
                <td>{field}</td>
                <td className="change-cell">
                  {e.op === 'update' ? (
                    <>
                      <span className="old-value">{oldText || <em className="muted">{t('common.empty')}</em>}</span>
                      <span className="arrow"> → </span>
                      <span className="new-value">{newText || <em className="muted">{t('common.empty')}</em>}</span>
                    </>
                  ) : (
                    <span>{newText || oldText}</span>
                  )}
                  {e.undoOf ? (
                    <span className="undo-marker" data-testid="history-undo-marker">
                      ↶ {t('history.undoMarker')}
                    </span>
                  ) : null}
                  {wasUndone ? (
                    <span className="undone-marker" data-testid="history-undone-marker">
                      {t('history.undoneMarker')}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
