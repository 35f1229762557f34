import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostStatus } from '../../src-shared/contract/host-methods';
import type { MethodOutput } from '../../src-shared/contract/methods';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import { formatDateTime } from '../i18n/labels';

type Addresses = MethodOutput<'host.addresses'>;

/** A port colleagues can keep typing: the same every time unless the manager changes it. */
const DEFAULT_PORT = 47615;
/** Who is connected is re-read this often while the panel is open. */
const REFRESH_MS = 2_000;

/** 设置 → 共享给同事 (manager): start and stop sharing, what to read out, who is connected. */
export function ShareWorkspacePanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<HostStatus | null>(null);
  const [addresses, setAddresses] = useState<Addresses>([]);
  const [address, setAddress] = useState('');
  const [port, setPort] = useState(String(DEFAULT_PORT));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const refresh = () => api.host.status({}).then((next) => setStatus(next));
    refresh().catch((err: unknown) => setError(errorText(t, err)));
    api.host.addresses({}).then(
      (list) => {
        setAddresses(list);
        // A LAN address is what a colleague needs; loopback only when there is nothing else.
        setAddress((current) => current || (list.find((a) => !a.internal && a.family === 'IPv4') ?? list[0])?.address || '127.0.0.1');
      },
      (err: unknown) => setError(errorText(t, err)),
    );
    const timer = window.setInterval(() => void refresh().catch(() => undefined), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [t]);

  const start = async () => {
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65_535) {
      setError('0 – 65535');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setStatus(await api.host.start({ address, port: portNumber }));
      toast.success(t('share.started'));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const stop = async () => {
    setBusy(true);
    try {
      setStatus(await api.host.stop({}));
      toast.info(t('share.stopped'));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (!status) return <div className="share-panel" data-testid="share-panel" />;
  const hostPart = status.address?.includes(':') ? `[${status.address}]` : (status.address ?? '');
  return (
    <div className="share-panel" data-testid="share-panel" data-running={status.running}>
      <p className="muted share-intro">{t('share.intro')}</p>
      {status.refusal === 'needsPassword' ? (
        <div className="banner banner-info" data-testid="share-needs-password">
          {t('share.needsPassword')}
        </div>
      ) : null}
      {status.running ? (
        <section className="share-running">
          <h3>
            <span className="share-dot" aria-hidden="true" /> {t('share.running')}
          </h3>
          <p>{t('share.tellColleague')}</p>
          <dl className="share-readout">
            <dt>{t('share.connectAt')}</dt>
            <dd data-testid="share-connect-address" data-address={status.address} data-port={status.port}>
              {hostPart}:{status.port}
            </dd>
            <dt>{t('share.code')}</dt>
            <dd data-testid="share-code" title={status.fingerprint ?? ''}>
              {status.pairingCode}
            </dd>
          </dl>
          <p className="muted">{t('share.codeHint')}</p>
          <h4>{t('share.clients')}</h4>
          {status.clients.length === 0 ? (
            <p className="muted" data-testid="share-no-clients">
              {t('share.noClients')}
            </p>
          ) : (
            <table className="data-table share-clients">
              <thead>
                <tr>
                  <th>{t('share.clientWho')}</th>
                  <th>{t('share.clientAddress')}</th>
                  <th>{t('share.clientSince')}</th>
                  <th>{t('share.clientLast')}</th>
                </tr>
              </thead>
              <tbody>
                {status.clients.map((c, i) => (
                  <tr key={`${c.login}-${c.since}-${i}`} data-testid="share-client" data-login={c.login}>
                    <td>
                      {c.displayName}（{c.login}，{t(`people.roles.${c.role}`, { defaultValue: c.role })}）
                    </td>
                    <td>{c.address}</td>
                    <td>{formatDateTime(c.since)}</td>
                    <td>{formatDateTime(c.lastSeenAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button type="button" className="danger" data-testid="share-stop" disabled={busy} onClick={() => void stop()}>
            {t('share.stop')}
          </button>
        </section>
      ) : (
        <form
          className="share-form"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <label className="form-field">
            <span className="form-label">{t('share.address')}</span>
            <select value={address} data-testid="share-address" onChange={(e) => setAddress(e.target.value)}>
              {addresses.map((a) => (
                <option key={`${a.interface}-${a.address}`} value={a.address}>
                  {a.address}（{a.internal ? t('share.loopback') : a.interface}）
                </option>
              ))}
            </select>
            <span className="muted small">{t('share.addressHint')}</span>
          </label>
          <label className="form-field">
            <span className="form-label">{t('share.port')}</span>
            <input value={port} inputMode="numeric" data-testid="share-port" onChange={(e) => setPort(e.target.value.replace(/[^0-9]/g, ''))} />
            <span className="muted small">{t('share.portHint')}</span>
          </label>
          <button type="submit" className="primary" data-testid="share-start" disabled={busy || status.refusal !== null || address === ''}>
            {t('share.start')}
          </button>
        </form>
      )}
      {error ? (
        <div className="banner banner-error" role="alert" data-testid="share-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
