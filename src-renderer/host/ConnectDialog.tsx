import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText, formFieldErrors } from '../api/errors';
import { useApp } from '../app/app-store';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { useSession } from '../people/session-store';
import { useHostUi, type ConnectPrefill } from './host-store';

/** 连接同事的工作区: address, port and pairing code as read out by the colleague, then this user's sign-in there. */
export function ConnectDialog() {
  const prefill = useHostUi((s) => s.connect);
  return prefill ? <ConnectForm prefill={prefill} /> : null;
}

function ConnectForm({ prefill }: { prefill: ConnectPrefill }) {
  const { t } = useTranslation();
  const close = useHostUi((s) => s.closeConnect);
  const [address, setAddress] = useState(prefill.address ?? '');
  const [port, setPort] = useState(prefill.port !== undefined ? String(prefill.port) : '');
  const [code, setCode] = useState(prefill.pairingCode ?? '');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const portNumber = Number(port);
    const missing: Record<string, string> = {};
    if (address.trim() === '') missing.address = 'required';
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65_535) missing.port = 'port';
    if (code.trim() === '') missing.pairingCode = 'required';
    if (login.trim() === '') missing.login = 'required';
    if (password === '') missing.password = 'required';
    setFields(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const status = await api.remote.connect({ address: address.trim(), port: portNumber, pairingCode: code, login: login.trim(), password });
      useHostUi.getState().setRemote(status);
      useApp.getState().setScreen('customers');
      await useApp.getState().refreshWorkspace();
      await useSession.getState().refresh();
      toast.success(t('connect.connected', { name: status.workspaceName ?? '', address: `${status.address ?? ''}:${status.port ?? ''}` }));
      close();
    } catch (err) {
      setFields(formFieldErrors(err) ?? {});
      setError(errorText(t, err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (name: string) =>
    fields[name] ? (
      <span className="field-error" data-testid={`connect-${name}-error`}>
        {fields[name] === 'port' ? '1 – 65535' : t(`fieldError.${fields[name]}`, { defaultValue: fields[name] })}
      </span>
    ) : null;

  return (
    <Dialog
      title={t('connect.title')}
      testId="connect-dialog"
      onClose={close}
      width={520}
      footer={
        <>
          <button type="button" data-testid="connect-cancel" onClick={close}>
            {t('connect.cancel')}
          </button>
          <button type="button" className="primary" data-testid="connect-submit" disabled={busy} onClick={() => void submit()}>
            {busy ? t('connect.connecting') : t('connect.submit')}
          </button>
        </>
      }
    >
      <p className="muted">{prefill.holder ? t('connect.fromLock', { who: prefill.holder }) : t('connect.intro')}</p>
      <form
        className="connect-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="connect-row">
          <label className="form-field wide">
            <span className="form-label">{t('connect.address')}</span>
            <input
              value={address}
              autoFocus={!prefill.address}
              spellCheck={false}
              placeholder="192.168.1.20"
              data-testid="connect-address"
              onChange={(e) => setAddress(e.target.value)}
            />
            {fieldError('address')}
          </label>
          <label className="form-field connect-port">
            <span className="form-label">{t('connect.port')}</span>
            <input value={port} inputMode="numeric" data-testid="connect-port" onChange={(e) => setPort(e.target.value.replace(/[^0-9]/g, ''))} />
            {fieldError('port')}
          </label>
        </div>
        <label className="form-field wide">
          <span className="form-label">{t('connect.code')}</span>
          <input
            value={code}
            spellCheck={false}
            autoComplete="off"
            className="pairing-code-input"
            placeholder={t('connect.codePlaceholder')}
            data-testid="connect-code"
            onChange={(e) => setCode(e.target.value.toUpperCase())}
          />
          {fieldError('pairingCode')}
        </label>
        <div className="connect-row">
          <label className="form-field wide">
            <span className="form-label">{t('connect.login')}</span>
            <input
              value={login}
              autoFocus={Boolean(prefill.address)}
              autoComplete="username"
              data-testid="connect-login"
              onChange={(e) => setLogin(e.target.value)}
            />
            {fieldError('login')}
          </label>
          <label className="form-field wide">
            <span className="form-label">{t('connect.password')}</span>
            <input
              type="password"
              value={password}
              autoComplete="current-password"
              data-testid="connect-password"
              onChange={(e) => setPassword(e.target.value)}
            />
            {fieldError('password')}
          </label>
        </div>
        {error ? (
          <div className="banner banner-error" role="alert" data-testid="connect-error">
            {error}
          </div>
        ) : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
