import { useState } from 'react';
import { useCanBusiness } from '../people/session-store';
import { useTranslation } from 'react-i18next';
import type { BusinessRecord, BusinessType } from '../../src-shared/domain/business';
import { sumFen } from '../../src-shared/money';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useCustomFields } from '../card/use-meta';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { chosen, money, recordColumns } from '../sales/related-columns';
import { RelatedTable } from '../sales/RelatedTable';
import { useCustomerRecords } from '../sales/use-related';
import { RecordDialog } from './RecordDialog';

/** One business type's records on the customer card, with their expense total. */
export function RecordsTab({ type, customer, columns }: { type: BusinessType; customer: { id: string; name: string }; columns: readonly string[] }) {
  const { t } = useTranslation();
  const canWrite = useCanBusiness(type.id, 'write');
  const fields = useCustomFields('record', type.id).data ?? [];
  const records = useCustomerRecords(customer.id, type.id).data;
  const [editing, setEditing] = useState<BusinessRecord | 'new' | null>(null);
  const cols = chosen(recordColumns(t, type, fields), columns.length ? columns : ['title', 'status', 'employeeName', 'expenseTotalFen', 'updatedAt']);
  const rows = records?.rows ?? [];
  const remove = async (r: BusinessRecord) => {
    if (!(await confirmAsk(t('cards.biz.confirmDelete', { title: r.title }), true))) return;
    try {
      await api.records.delete({ id: r.id });
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  return (
    <div className="related-tab" data-testid="records-tab" data-type-id={type.id}>
      <div className="toolbar">
        {canWrite ? (
          <button type="button" className="primary" data-testid="add-record" onClick={() => setEditing('new')}>
            ＋ {t('cards.biz.newRecord', { type: type.name })}
          </button>
        ) : null}
        <span className="toolbar-spacer" />
        <span className="toolbar-count">{t('cards.biz.count', { n: records?.total ?? 0 })}</span>
      </div>
      <RelatedTable
        testId="records-table"
        rowTestId="record-row"
        columns={cols}
        rows={rows}
        rowKey={(r) => r.id}
        onOpen={(r) => setEditing(r)}
        actions={(r) => (
          <>
            <button type="button" className="icon" data-testid="record-edit" onClick={() => setEditing(r)}>
              {t('common.edit')}
            </button>
            {canWrite ? (
              <button type="button" className="icon danger-icon" data-testid="record-delete" onClick={() => void remove(r)}>
                {t('common.delete')}
              </button>
            ) : null}
          </>
        )}
        footer={
          <tr className="total-row">
            <td colSpan={cols.length + 1}>
              {t('cards.expenses.total')} <b data-testid="records-expense-total">{money(sumFen(rows.map((r) => r.expenseTotalFen)))}</b>
            </td>
          </tr>
        }
      />
      {editing ? <RecordDialog type={type} customer={customer} record={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
