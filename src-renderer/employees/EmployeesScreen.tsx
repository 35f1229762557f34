import { formatPhone } from '../../src-shared/validation/phone-form';
import { useCan } from '../people/session-store';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Employee } from '../../src-shared/domain/organisation';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import { EmployeeDialog } from './EmployeeDialog';
import { useEmployees } from './use-employees';
import './employees.css';

/** 员工: our own staff, who can own customers. Deactivated staff stay in history and on old cards. */
export function EmployeesScreen() {
  const { t } = useTranslation();
  const canEmployees = useCan('settings', 'write');
  const [showInactive, setShowInactive] = useState(false);
  const employees = useEmployees(showInactive);
  const [editing, setEditing] = useState<Employee | null | 'new'>(null);

  const toggleActive = async (e: Employee) => {
    try {
      await api.employees.update({ id: e.id, patch: { active: !e.active } });
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };

  return (
    <div className="employees-screen" data-testid="employees-screen">
      <div className="toolbar">
        {canEmployees ? (
          <button type="button" className="primary" data-testid="add-employee" onClick={() => setEditing('new')}>
            ＋ {t('employees.add')}
          </button>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={showInactive} data-testid="employees-show-inactive" onChange={(e) => setShowInactive(e.target.checked)} />
          {t('employees.showInactive')}
        </label>
        <span className="toolbar-spacer" />
        <span className="muted">{t('employees.subtitle')}</span>
      </div>
      <div className="employees-body">
        {employees && employees.length === 0 ? <div className="muted pad">{t('employees.empty')}</div> : null}
        {employees && employees.length > 0 ? (
          <table className="data-table employees-table">
            <thead>
              <tr>
                <th>{t('employee.name')}</th>
                <th>{t('employee.title')}</th>
                <th>{t('employee.mobile')}</th>
                <th>{t('employee.email')}</th>
                <th>{t('employee.active')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {employees.map((e) => (
                <tr
                  key={e.id}
                  className={e.active ? '' : 'inactive'}
                  data-testid="employee-row"
                  data-id={e.id}
                  data-name={e.name}
                  data-active={e.active}
                  onDoubleClick={() => setEditing(e)}
                >
                  <td className="strong">{e.name}</td>
                  <td>{e.title}</td>
                  <td>{e.mobile ? formatPhone(e.mobile) : ''}</td>
                  <td>{e.email}</td>
                  <td>{e.active ? t('common.yes') : <span className="muted">{t('employees.inactive')}</span>}</td>
                  <td className="row-actions">
                    <button type="button" data-testid="employee-edit" onClick={() => setEditing(e)}>
                      {t('common.edit')}
                    </button>
                    <button type="button" data-testid="employee-toggle-active" onClick={() => void toggleActive(e)}>
                      {e.active ? t('employees.deactivate') : t('employees.activate')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      {editing !== null ? (
        <EmployeeDialog
          employee={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            toast.success(t('employees.saved'));
          }}
        />
      ) : null}
    </div>
  );
}
