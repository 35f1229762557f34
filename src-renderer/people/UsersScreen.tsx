import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../src-shared/domain/enums';
import type { UserSummary } from '../../src-shared/domain/people';
import { api, ApiCallError } from '../api/client';
import { errorText } from '../api/errors';
import { confirmAsk } from '../components/confirm-store';
import { Dialog } from '../components/Dialog';
import { PromptDialog } from '../components/PromptDialog';
import { toast } from '../components/toast-store';
import { useEmployees } from '../employees/use-employees';
import { useSession } from './session-store';
import { TransferDialog } from './TransferDialog';
import './people.css';

/** 用户管理 (manager): add users, change role or linked employee, disable/enable, reset passwords, unlock. */
export function UsersScreen() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const [transferring, setTransferring] = useState<UserSummary | null>(null);
  const employees = useEmployees(false);
  const reload = useCallback(() => {
    // Adding or disabling users can make the workspace start (or stop) asking for sign-in.
    void useSession
      .getState()
      .refresh()
      .catch(() => undefined);
    api.users
      .list({})
      .then(setUsers)
      .catch((err: unknown) => toast.error(errorText(t, err)));
  }, [t]);
  useEffect(reload, [reload]);

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      toast.error(errorText(t, err));
    }
    reload();
  };
  const toggle = (u: UserSummary) =>
    run(async () => {
      if (u.active && !(await confirmAsk(t('people.confirmDisable', { name: u.displayName }), true))) return;
      await api.users.setActive({ id: u.id, active: !u.active });
    });

  return (
    <div className="users-screen" data-testid="users-screen">
      <div className="toolbar">
        <b className="screen-title">{t('perm.usersTitle')}</b>
        <button type="button" className="primary" data-testid="add-user" onClick={() => setAdding(true)}>
          ＋ {t('people.addUser')}
        </button>
        <span className="toolbar-spacer" />
        <span className="muted">{t('people.usersHint')}</span>
      </div>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('people.login')}</th>
            <th>{t('people.displayName')}</th>
            <th>{t('people.role')}</th>
            <th>{t('people.employee')}</th>
            <th>{t('people.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((u) => (
            <tr key={u.id} className={u.active ? '' : 'inactive'} data-testid="user-row" data-login={u.login} data-active={u.active}>
              <td>{u.login}</td>
              <td>{u.displayName}</td>
              <td>
                <select
                  value={u.role}
                  data-testid="user-role"
                  onChange={(e) => {
                    const role = e.target.value as Role;
                    // A role change widens or narrows what the user may do at once: asked first.
                    void run(async () => {
                      const question = t('perm.roleChange.confirm', {
                        name: u.displayName,
                        from: t(`people.roles.${u.role}`),
                        to: t(`people.roles.${role}`),
                      });
                      if (await confirmAsk(question)) await api.users.update({ id: u.id, patch: { role } });
                    });
                  }}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`people.roles.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  value={u.employeeId ?? ''}
                  data-testid="user-employee"
                  onChange={(e) => void run(() => api.users.update({ id: u.id, patch: { employeeId: e.target.value || null } }))}
                >
                  <option value="">{t('people.noEmployee')}</option>
                  {(employees ?? []).map((emp) => (
                    <option key={emp.id} value={emp.id}>
                      {emp.name}
                    </option>
                  ))}
                </select>
              </td>
              <td data-testid="user-status">
                {u.active ? t('people.active') : t('people.disabled')}
                {u.lockedUntil ? ` · ${t('people.locked')}` : ''}
              </td>
              <td>
                <div className="actions">
                  <button type="button" data-testid="user-toggle" onClick={() => void toggle(u)}>
                    {u.active ? t('people.disable') : t('people.enable')}
                  </button>
                  {u.active ? (
                    <button type="button" data-testid="user-transfer" onClick={() => setTransferring(u)}>
                      {t('perm.transfer.button')}
                    </button>
                  ) : null}
                  <button type="button" data-testid="user-reset" onClick={() => setResetting(u)}>
                    {t('people.resetPassword')}
                  </button>
                  {u.lockedUntil || u.failedAttempts > 0 ? (
                    <button type="button" data-testid="user-unlock" onClick={() => void run(() => api.users.unlock({ id: u.id }))}>
                      {t('people.unlock')}
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {adding ? (
        <AddUserDialog
          employees={employees ?? []}
          onClose={() => setAdding(false)}
          onAdded={(u) => {
            setAdding(false);
            toast.success(t('people.userAdded', { name: u.displayName }));
            reload();
          }}
        />
      ) : null}
      {transferring ? (
        <TransferDialog
          user={transferring}
          employees={employees ?? []}
          onClose={() => setTransferring(null)}
          onDone={() => {
            setTransferring(null);
            reload();
          }}
        />
      ) : null}
      {resetting ? (
        <PromptDialog
          title={`${t('people.resetPassword')}: ${resetting.displayName}`}
          label={t('people.newPassword')}
          initial=""
          testId="reset-password"
          onClose={() => setResetting(null)}
          onSubmit={async (password) => {
            try {
              await api.users.resetPassword({ id: resetting.id, password });
              toast.success(t('people.passwordReset', { name: resetting.displayName }));
              setResetting(null);
              reload();
              return null;
            } catch (err) {
              return errorText(t, err);
            }
          }}
        />
      ) : null}
    </div>
  );
}

function AddUserDialog({
  employees,
  onClose,
  onAdded,
}: {
  employees: { id: string; name: string }[];
  onClose(): void;
  onAdded(user: UserSummary): void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ login: '', displayName: '', role: 'staff' as Role, employeeId: '', password: '' });
  const [fields, setFields] = useState<Record<string, string>>({});
  const save = async () => {
    try {
      onAdded(await api.users.create({ ...form, employeeId: form.employeeId || null }));
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'VALIDATION') setFields(err.fields);
      else toast.error(errorText(t, err));
    }
  };
  const input = (name: 'login' | 'displayName' | 'password', label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} data-testid={`new-user-${name}`} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
      {fields[name] ? <div className="field-error">{t(`fieldError.${fields[name]}`, { defaultValue: fields[name] })}</div> : null}
    </label>
  );
  return (
    <Dialog
      title={t('people.addUser')}
      testId="add-user-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('people.cancel')}
          </button>
          <button type="button" className="primary" data-testid="new-user-save" onClick={() => void save()}>
            {t('people.save')}
          </button>
        </>
      }
    >
      <div className="people-form">
        {input('login', t('people.login'))}
        {input('displayName', t('people.displayName'))}
        <label>
          {t('people.role')}
          <select data-testid="new-user-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`people.roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('people.employee')}
          <select data-testid="new-user-employee" value={form.employeeId} onChange={(e) => setForm({ ...form, employeeId: e.target.value })}>
            <option value="">{t('people.noEmployee')}</option>
            {employees.map((emp) => (
              <option key={emp.id} value={emp.id}>
                {emp.name}
              </option>
            ))}
          </select>
        </label>
        {input('password', t('people.initialPassword'), 'password')}
      </div>
    </Dialog>
  );
}
