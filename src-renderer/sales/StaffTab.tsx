import { useState } from 'react';
import { useCan } from '../people/session-store';
import { useTranslation } from 'react-i18next';
import type { CustomerRelated } from '../../src-shared/contract/card-methods';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import { useEmployees } from '../employees/use-employees';
import { chosen, staffColumns } from './related-columns';
import { RelatedTable } from './RelatedTable';

/** 相关员工: our staff on this account, each with a role (e.g. 客户经理, 技术支持). */
export function StaffTab({ customerId, related, columns }: { customerId: string; related: CustomerRelated; columns: readonly string[] }) {
  const { t } = useTranslation();
  const canStaff = useCan('customers', 'write');
  const employees = useEmployees(false) ?? [];
  const [employeeId, setEmployeeId] = useState('');
  const [role, setRole] = useState('');

  const add = async () => {
    if (!employeeId) return;
    try {
      await api.customerStaff.add({ customerId, employeeId, role: role || null });
      setEmployeeId('');
      setRole('');
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };

  return (
    <div className="related-tab" data-testid="staff-tab">
      <div className="toolbar">
        <select value={employeeId} data-testid="staff-employee" onChange={(e) => setEmployeeId(e.target.value)}>
          <option value="">{t('cards.sales.chooseEmployee')}</option>
          {employees
            .filter((e) => !related.staff.some((s) => s.employeeId === e.id))
            .map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
        </select>
        <input
          value={role}
          placeholder={t('cards.sales.rolePlaceholder')}
          list="staff-roles"
          data-testid="staff-role"
          onChange={(e) => setRole(e.target.value)}
        />
        <datalist id="staff-roles">
          {['客户经理', '销售代表', '技术支持', '售后服务', '财务对接'].map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        {canStaff ? (
          <button type="button" className="primary" data-testid="staff-add" disabled={!employeeId} onClick={() => void add()}>
            ＋ {t('cards.sales.addStaff')}
          </button>
        ) : null}
      </div>
      <RelatedTable
        testId="staff-table"
        rowTestId="staff-row"
        columns={chosen(staffColumns(t), columns)}
        rows={related.staff}
        rowKey={(s) => s.id}
        actions={(s) => (
          <button
            type="button"
            className="icon danger-icon"
            data-testid="staff-remove"
            onClick={() => void api.customerStaff.remove({ id: s.id }).catch((err: unknown) => toast.error(errorText(t, err)))}
          >
            {t('common.remove')}
          </button>
        )}
      />
    </div>
  );
}
