import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useApp } from '../app/app-store';
import { toast } from '../components/toast-store';
import { useHostUi } from './host-store';

/** Leaves the colleague's workspace: back to the start screen (main signs out on the host). */
export async function disconnectRemote(): Promise<void> {
  const t = i18next.t.bind(i18next);
  try {
    useHostUi.getState().setRemote(await api.remote.disconnect({}));
    useApp.getState().setScreen('customers');
    await useApp.getState().refreshWorkspace();
  } catch (err) {
    toast.error(errorText(t, err));
  }
}

/**
 * The host cannot be reached: said plainly above everything, without covering it. Nothing on
 * screen is reset meanwhile — an open dialog keeps what was typed, and saves once connected.
 */
export function RemoteBanner() {
  const { t } = useTranslation();
  const phase = useHostUi((s) => s.remote?.phase ?? null);
  if (phase !== 'reconnecting') return null;
  return (
    <div className="remote-banner" role="status" data-testid="remote-reconnecting">
      <strong>{t('remote.reconnecting')}</strong> <span>{t('remote.reconnectingHint')}</span>
    </div>
  );
}

/** The status bar's part while connected: where to, and 断开连接. */
export function RemoteStatusItem() {
  const { t } = useTranslation();
  const remote = useHostUi((s) => s.remote);
  if (!remote?.connected) return null;
  const where = `${remote.address ?? ''}:${remote.port ?? ''}`;
  return (
    <>
      <span className={`status-item${remote.phase === 'reconnecting' ? ' status-warn' : ''}`} data-testid="status-remote" data-phase={remote.phase}>
        {t('remote.status', { address: where })}
      </span>
      <button type="button" className="status-item link" data-testid="status-remote-disconnect" onClick={() => void disconnectRemote()}>
        {t('remote.disconnect')}
      </button>
    </>
  );
}
