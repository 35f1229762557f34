import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError } from '../api/client';
import { errorText } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { useSession } from './session-store';
import { useApp } from '../app/app-store';

/** 设置密码 for oneself, and the recovery code shown once with 我已保存. */
export function PasswordDialogs() {
  const open = useSession((s) => s.passwordDialog);
  const code = useSession((s) => s.recoveryCode);
  return (
    <>
      {open ? <SetPasswordDialog /> : null}
      {code ? <RecoveryCodeDialog code={code} /> : null}
    </>
  );
}

function SetPasswordDialog() {
  const { t } = useTranslation();
  const hasPassword = useSession((s) => s.session?.user?.hasPassword ?? false);
  const role = useSession((s) => s.session?.user?.role);
  const workspacePath = useApp((s) => s.workspace?.path ?? '');
  // A manager's first password: encrypting the file with it is offered, on by default (issue 19).
  const offerEncryption = !hasPassword && (role === 'manager' || role === 'admin');
  const [encrypt, setEncrypt] = useState(true);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const close = () => useSession.getState().openPasswordDialog(false);
  const save = async () => {
    try {
      let { recoveryCode } = await api.account.setPassword({ ...(hasPassword ? { currentPassword: current } : {}), newPassword: next });
      close();
      if (offerEncryption && encrypt) {
        try {
          // Encrypting issues a new recovery code, which replaces the one just made: only it is shown.
          recoveryCode = (await api.workspace.encrypt({ password: next })).recoveryCode;
          toast.success(t('enc.encrypted'));
        } catch (err) {
          toast.error(errorText(t, err));
        }
      }
      await useSession.getState().refresh();
      useSession.getState().showRecoveryCode(recoveryCode);
      toast.success(t('people.passwordSaved'));
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'VALIDATION') setFields(err.fields);
      else toast.error(errorText(t, err));
    }
  };
  const fieldError = (name: string) =>
    fields[name] ? <div className="field-error">{t(`fieldError.${fields[name]}`, { defaultValue: fields[name] })}</div> : null;
  return (
    <Dialog
      title={hasPassword ? t('people.changePassword') : t('people.setPassword')}
      testId="set-password-dialog"
      onClose={close}
      footer={
        <>
          <button type="button" onClick={close}>
            {t('people.cancel')}
          </button>
          <button type="button" className="primary" data-testid="set-password-save" onClick={() => void save()}>
            {t('people.save')}
          </button>
        </>
      }
    >
      <div className="people-form">
        {hasPassword ? (
          <label>
            {t('people.currentPassword')}
            <input type="password" data-testid="set-password-current" value={current} onChange={(e) => setCurrent(e.target.value)} />
            {fieldError('currentPassword')}
          </label>
        ) : null}
        <label>
          {t('people.newPassword')}
          <input type="password" data-testid="set-password-new" value={next} onChange={(e) => setNext(e.target.value)} autoFocus />
          {fieldError('newPassword')}
        </label>
        {offerEncryption ? (
          <label className="checkbox-row">
            <span>
              <input type="checkbox" data-testid="set-password-encrypt" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />{' '}
              {t('enc.offerWithPassword')}
            </span>
            <span className="muted">{t('enc.offerHint', { keysFile: `${workspacePath.split(/[\\/]/).pop() ?? ''}.keys` })}</span>
          </label>
        ) : null}
      </div>
    </Dialog>
  );
}

function RecoveryCodeDialog({ code }: { code: string }) {
  const { t } = useTranslation();
  const done = () => useSession.getState().showRecoveryCode(null);
  return (
    <Dialog
      title={t('people.recoveryTitle')}
      testId="recovery-code-dialog"
      // Not closed by Esc by accident: only 我已保存 closes it.
      onClose={() => undefined}
      footer={
        <button type="button" className="primary" data-testid="recovery-code-saved" onClick={done}>
          {t('people.recoverySaved')}
        </button>
      }
    >
      <p>{t('people.recoveryText')}</p>
      <div className="recovery-code" data-testid="recovery-code">
        {code}
      </div>
    </Dialog>
  );
}
