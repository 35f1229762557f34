import i18next from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { api, ApiCallError } from '../api/client';
import { errorText } from '../api/errors';
import { useApp } from '../app/app-store';
import { useCard } from '../card/card-store';
import { Dialog } from '../components/Dialog';
import { formatDateTime } from '../i18n/labels';
import { useHostUi } from './host-store';
import { useWorkspaceDialogs } from '../workspace/workspace-store';

/** The refusal's details: who holds the file (workspace-lock.ts) and, while sharing, where. */
interface Held {
  path: string;
  user?: string;
  host?: string;
  app?: string;
  pid?: number;
  since?: string;
  hostAddress?: string;
  hostPort?: number;
  hostPairingCode?: string;
}

const useLockOffer = create<{ held: Held | null }>(() => ({ held: null }));

/**
 * A workspace another Kecard holds: instead of a bare refusal, the dialog names the holder and
 * offers what can be done — connect to them if they share it, or open it read-only.
 * Returns whether it took the error.
 */
export function offerLockedWorkspace(err: unknown): boolean {
  if (!(err instanceof ApiCallError) || err.code !== 'WORKSPACE_LOCKED') return false;
  const details = (err.error.details ?? {}) as unknown as Held;
  if (typeof details.path !== 'string') return false;
  useLockOffer.setState({ held: details });
  return true;
}

function holderText(held: Held): string {
  const t = i18next.t.bind(i18next);
  if (typeof held.user !== 'string') return t('lockHolder.unknown');
  const app = held.app ? t(`lockHolder.${held.app}`, { defaultValue: held.app }) : '';
  return t('lockHolder.who', { user: held.user, host: held.host, app, pid: held.pid });
}

export function LockDialog() {
  const held = useLockOffer((s) => s.held);
  return held ? <LockDialogBody held={held} /> : null;
}

function LockDialogBody({ held }: { held: Held }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => useLockOffer.setState({ held: null });
  /** Done with the file: the path dialog it was typed into goes too. */
  const finish = () => {
    close();
    useWorkspaceDialogs.getState().closePathDialog();
  };
  const who = holderText(held);
  const sharing = typeof held.hostAddress === 'string' && typeof held.hostPort === 'number';

  const readOnly = async () => {
    setBusy(true);
    try {
      const info = await api.workspace.open({ path: held.path, readOnly: true });
      useCard.getState().reset();
      useApp.getState().setWorkspace(info);
      void useApp
        .getState()
        .refreshRecent()
        .catch(() => undefined);
      finish();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const connect = () => {
    finish();
    useHostUi.getState().openConnect({
      ...(held.hostAddress ? { address: held.hostAddress } : {}),
      ...(held.hostPort ? { port: held.hostPort } : {}),
      ...(held.hostPairingCode ? { pairingCode: held.hostPairingCode } : {}),
      holder: who,
    });
  };

  return (
    <Dialog
      title={t('lock.title')}
      testId="lock-dialog"
      onClose={close}
      width={560}
      footer={
        <>
          <button type="button" data-testid="lock-cancel" onClick={close}>
            {t('lock.cancel')}
          </button>
          <button type="button" className={sharing ? '' : 'primary'} data-testid="lock-read-only" disabled={busy} onClick={() => void readOnly()}>
            {t('lock.readOnly')}
          </button>
          {sharing ? (
            <button type="button" className="primary" data-testid="lock-connect" disabled={busy} onClick={connect}>
              {t('lock.connect')}
            </button>
          ) : null}
        </>
      }
    >
      <p data-testid="lock-holder">{t('lock.text', { who, sinceText: held.since ? formatDateTime(held.since) : '—' })}</p>
      <p className="muted" data-testid={sharing ? 'lock-sharing' : 'lock-not-sharing'}>
        {sharing ? t('lock.sharing', { address: `${held.hostAddress ?? ''}:${held.hostPort ?? ''}` }) : t('lock.notSharing')}
      </p>
      {error ? (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      ) : null}
    </Dialog>
  );
}

/** Said above everything while the open workspace is read-only. */
export function ReadOnlyBanner() {
  const { t } = useTranslation();
  const readOnly = useApp((s) => s.workspace?.readOnly === true);
  if (!readOnly) return null;
  return (
    <div className="remote-banner" role="status" data-testid="read-only-banner">
      {t('lock.readOnlyBanner')}
    </div>
  );
}
