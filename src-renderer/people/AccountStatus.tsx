import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useApp } from '../app/app-store';
import { toast } from '../components/toast-store';
import { useCan, useSession } from './session-store';

/** The status bar's 用户 part: who is signed in, 设置密码, 用户管理 (manager), 切换用户 / 退出登录. */
export function AccountStatus() {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const user = session?.user;
  const manages = useCan('users', 'manage');
  if (!user) return null;
  const signOut = async () => {
    try {
      useSession.getState().set(await api.session.signOut({}));
      // The next user starts on 客户, not on a screen their role may not open.
      useApp.getState().setScreen('customers');
      await useApp.getState().refreshWorkspace();
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  return (
    <>
      <span className="status-item" data-testid="status-user" data-user-id={user.id}>
        {t('status.user', { name: t('people.signedInAs', { name: user.displayName, role: t(`people.roles.${user.role}`) }) })}
      </span>
      <button
        type="button"
        className="status-item link"
        data-testid="status-set-password"
        onClick={() => useSession.getState().openPasswordDialog(true)}
      >
        {user.hasPassword ? t('people.changePassword') : t('people.setPassword')}
      </button>
      {manages ? (
        <>
          <button type="button" className="status-item link" data-testid="status-users" onClick={() => useApp.getState().setScreen('users')}>
            {t('people.users')}
          </button>
          <button type="button" className="status-item link" data-testid="status-audit" onClick={() => useApp.getState().setScreen('audit')}>
            {t('audit.title')}
          </button>
        </>
      ) : null}
      {session.signInRequired ? (
        <>
          <button type="button" className="status-item link" data-testid="status-switch-user" onClick={() => void signOut()}>
            {t('people.switchUser')}
          </button>
          <button type="button" className="status-item link" data-testid="status-sign-out" onClick={() => void signOut()}>
            {t('people.signOut')}
          </button>
        </>
      ) : null}
    </>
  );
}
