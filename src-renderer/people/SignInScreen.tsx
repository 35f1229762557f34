import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError } from '../api/client';
import { errorText } from '../api/errors';
import { useApp } from '../app/app-store';
import { useSession } from './session-store';
import './people.css';

/** 登录: shown in place of the app while the open workspace asks for sign-in and nobody is signed in. */
export function SignInScreen() {
  const { t } = useTranslation();
  const workspace = useApp((s) => s.workspace);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [recovering, setRecovering] = useState(false);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(0);
  const [busy, setBusy] = useState(false);

  // The slow-down is visible: the button counts down instead of failing again.
  useEffect(() => {
    if (waitUntil <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [waitUntil, now]);
  const waitLeft = Math.max(0, Math.ceil((waitUntil - now) / 1000));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      if (recovering) {
        const state = await api.session.recover({ login, recoveryCode: code, newPassword: password });
        useSession.getState().showRecoveryCode(state.recoveryCode);
        useSession.getState().set(state);
      } else {
        useSession.getState().set(await api.session.signIn({ login, password }));
      }
      setPassword('');
      await useApp.getState().refreshWorkspace();
    } catch (err) {
      setMessage(errorText(t, err));
      const waitMs = err instanceof ApiCallError ? err.error.details?.waitMs : undefined;
      if (typeof waitMs === 'number') {
        setWaitUntil(Date.now() + waitMs);
        setNow(Date.now());
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in-screen" data-testid="sign-in-screen">
      <form className="sign-in-box" onSubmit={(e) => void submit(e)}>
        <h1>{recovering ? t('people.recover') : t('people.signInTitle')}</h1>
        <p className="muted">{t('people.signInHint', { name: workspace?.name ?? '' })}</p>
        <label>
          {t('people.login')}
          <input data-testid="sign-in-login" autoFocus value={login} onChange={(e) => setLogin(e.target.value)} autoComplete="username" />
        </label>
        {recovering ? (
          <label>
            {t('people.recoveryCode')}
            <input data-testid="sign-in-recovery-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
          </label>
        ) : null}
        <label>
          {recovering ? t('people.newPassword') : t('people.password')}
          <input
            data-testid="sign-in-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={recovering ? 'new-password' : 'current-password'}
          />
        </label>
        {message ? (
          <div className="sign-in-message" role="alert" data-testid="sign-in-message">
            {message}
          </div>
        ) : null}
        <button type="submit" className="primary" data-testid="sign-in-submit" disabled={busy || waitLeft > 0 || login.trim() === ''}>
          {waitLeft > 0
            ? t('people.waitSeconds', { n: waitLeft })
            : busy
              ? t('people.signingIn')
              : recovering
                ? t('people.save')
                : t('people.signIn')}
        </button>
        <div className="sign-in-links">
          <button type="button" className="link" data-testid="sign-in-recover" onClick={() => setRecovering(!recovering)}>
            {recovering ? t('people.backToSignIn') : t('people.forgot')}
          </button>
          <button
            type="button"
            className="link"
            data-testid="sign-in-close"
            onClick={() => void api.workspace.close({}).then(() => useApp.getState().refreshWorkspace())}
          >
            {t('people.otherWorkspace')}
          </button>
        </div>
      </form>
    </div>
  );
}
