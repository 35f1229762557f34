import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportOutcomeOutput, SyncExportResult, SyncNowResult, SyncStatusOutput } from '../../src-shared/contract/sync-methods';
import { api } from '../api/client';
import { saveDownload } from '../api/download-file';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { formatDateTime } from '../i18n/labels';
import { ImportOutcome } from './ImportOutcome';
import { PartnerLastError } from './PartnerLastError';
import { ScopeDialog, scopeWords } from './ScopeDialog';
import { useSync } from './sync-store';
import { runSyncJob, useSyncJob } from './sync-job';
import { useAction } from './use-action';

type Partner = SyncStatusOutput['partners'][number];
interface NowResult {
  code: string;
  /** Counts the runs, so a repeated 立即同步 shows as a new answer. */
  run: number;
  sent: { number: number; changes: number } | null;
  received: ImportOutcomeOutput;
}

/** 同步伙伴: each partner's state and its actions (导出同步包, 设置同步文件夹, 立即同步, HQ: 停用). */
export function PartnersSection({ status }: { status: SyncStatusOutput }) {
  const { t } = useTranslation();
  const [folderFor, setFolderFor] = useState<string | null>(null);
  const [scopeFor, setScopeFor] = useState<string | null>(null);
  const [now, setNow] = useState<NowResult | null>(null);
  const { busy: acting, error, run } = useAction();
  const busy = useSyncJob((s) => s.running !== null) || acting;
  const isHq = status.role === 'hq';

  const exportFor = (p: Partner) =>
    run(async () => {
      const made = await runSyncJob<SyncExportResult>('export', () => api.sync.export({ to: p.code }));
      if (made.bundles.length === 0) {
        toast.info(t('sync.partners.nothingToExport', { name: p.name }));
        return;
      }
      for (const b of made.bundles) {
        for (const f of b.files) await saveDownload(f.downloadToken, f.fileName);
        toast.success(t('sync.partners.exported', { name: p.name, n: b.number, changes: b.changes }));
      }
      await useSync.getState().refresh();
    });

  const syncNow = async (p: Partner) => {
    await run(async () => {
      const done = await runSyncJob<SyncNowResult>('now', () => api.sync.now({ code: p.code }));
      setNow((before) => ({ code: p.code, run: (before?.run ?? 0) + 1, ...done }));
    });
    // Read again after a failure too: it is now the partner's last error in the list.
    await useSync
      .getState()
      .refresh()
      .catch(() => undefined);
  };

  const revoke = async (p: Partner) => {
    if (!(await confirmAsk(t('sync.partners.confirmRevoke', { name: p.name, code: p.code }), true))) return;
    const next = await run(() => api.sync.revoke({ code: p.code }));
    if (!next) return;
    useSync.getState().set(next);
    toast.success(t('sync.partners.revokedDone', { name: p.name }));
  };

  const numberAt = (n: number, at: string | null) => (n > 0 ? t('sync.partners.numberAt', { n, time: formatDateTime(at) }) : t('sync.partners.none'));

  return (
    <section className="sync-section" data-testid="sync-partners">
      <h3>{t('sync.partners.title')}</h3>
      <table className="data-table sync-table" data-testid="sync-partners-table">
        <thead>
          <tr>
            <th>{t('sync.partners.code')}</th>
            <th>{t('sync.partners.name')}</th>
            <th>{t('sync.partners.status')}</th>
            {isHq ? <th>{t('sync.scope.column')}</th> : null}
            <th>{t('sync.partners.lastSent')}</th>
            <th>{t('sync.partners.lastReceived')}</th>
            <th className="num">{t('sync.partners.waiting')}</th>
            <th>{t('sync.partners.safety')}</th>
            <th>{t('sync.partners.folder')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {status.partners.length === 0 ? (
            <tr>
              <td colSpan={isHq ? 10 : 9} className="muted" data-testid="sync-partners-empty">
                {t('sync.partners.empty')}
              </td>
            </tr>
          ) : null}
          {status.partners.map((p) => {
            const state = p.revoked ? 'revoked' : p.enrolled ? 'joined' : 'pending';
            return (
              <tr key={p.code} data-testid="sync-partner-row" data-code={p.code} data-state={state}>
                <td data-key="code">{p.code}</td>
                <td data-key="name">{p.name}</td>
                <td data-key="status">
                  {t(`sync.partners.${state}`)}
                  <PartnerLastError partner={p} />
                </td>
                {isHq ? (
                  <td data-key="scope" data-scope={p.scope.customers}>
                    <span data-testid="sync-partner-scope">{scopeWords(t, p.scope, status)}</span>{' '}
                    {p.role === 'store' && !p.revoked ? (
                      <button type="button" className="link-button" data-testid="sync-partner-scope-edit" onClick={() => setScopeFor(p.code)}>
                        {t('sync.scope.edit')}
                      </button>
                    ) : null}
                  </td>
                ) : null}
                <td data-key="lastSent" data-number={p.sentNumber}>
                  {numberAt(p.sentNumber, p.lastSentAt)}
                </td>
                <td data-key="lastReceived" data-number={p.receivedNumber}>
                  {numberAt(p.receivedNumber, p.lastReceivedAt)}
                </td>
                <td className="num" data-key="waiting">
                  {p.waiting}
                </td>
                <td data-key="safety" className="sync-mono">
                  {p.safetyCode ?? t('sync.partners.none')}
                </td>
                <td data-key="folder" className="sync-folder-cell">
                  <span title={p.folder ?? undefined}>{p.folder ?? t('sync.partners.none')}</span>
                </td>
                <td className="row-actions">
                  <div className="sync-actions">
                    <button type="button" data-testid="sync-partner-export" disabled={busy || p.revoked} onClick={() => void exportFor(p)}>
                      {t('sync.partners.export')}
                    </button>
                    <button type="button" data-testid="sync-partner-folder" disabled={busy || p.revoked} onClick={() => setFolderFor(p.code)}>
                      {t('sync.partners.setFolder')}
                    </button>
                    <button type="button" data-testid="sync-partner-now" disabled={busy || p.revoked || !p.folder} onClick={() => void syncNow(p)}>
                      {t('sync.partners.syncNow')}
                    </button>
                    {isHq && p.role === 'store' && !p.revoked ? (
                      <button type="button" className="danger-icon" data-testid="sync-partner-revoke" disabled={busy} onClick={() => void revoke(p)}>
                        {t('sync.partners.revoke')}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {scopeFor && status.partners.some((p) => p.code === scopeFor) ? (
        <ScopeDialog partner={status.partners.find((p) => p.code === scopeFor) as Partner} status={status} onClose={() => setScopeFor(null)} />
      ) : null}
      {folderFor ? (
        <FolderForm key={folderFor} partner={status.partners.find((p) => p.code === folderFor) ?? null} onDone={() => setFolderFor(null)} />
      ) : null}
      {error ? (
        <div className="banner banner-error" data-testid="sync-partners-error">
          {error}
        </div>
      ) : null}
      {now ? (
        <div className="sync-now-result" data-testid="sync-now-result" data-code={now.code} data-run={now.run} data-sent={now.sent?.number ?? ''}>
          <p data-testid="sync-now-sent">
            {now.sent ? t('sync.now.sent', { n: now.sent.number, changes: now.sent.changes }) : t('sync.now.notSent')}
          </p>
          {now.received.applied.length + now.received.waiting.length + now.received.refused.length === 0 ? (
            <p className="muted" data-testid="sync-now-nothing">
              {t('sync.now.nothingReceived')}
            </p>
          ) : (
            <ImportOutcome outcome={now.received} testId="sync-now-received" />
          )}
        </div>
      ) : null}
    </section>
  );
}

/** The folder both sites reach, typed as a full path (as the backup folder in the browser shell); main checks it. */
function FolderForm({ partner, onDone }: { partner: Partner | null; onDone(): void }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState(partner?.folder ?? '');
  const { busy, error, setError, run } = useAction();
  if (!partner) return null;
  const save = async (value: string | null) => {
    if (value !== null && value.trim() === '') {
      setError(t('fieldError.required'));
      return;
    }
    const next = await run(() => api.sync.setFolder({ code: partner.code, folder: value }));
    if (!next) return;
    useSync.getState().set(next);
    toast.success(
      value === null
        ? t('sync.partners.folderCleared', { name: partner.name })
        : t('sync.partners.folderSet', { name: partner.name, folder: value.trim() }),
    );
    onDone();
  };
  return (
    <form
      className="sync-folder-form"
      data-testid="sync-folder-form"
      data-code={partner.code}
      onSubmit={(e) => {
        e.preventDefault();
        void save(folder);
      }}
    >
      <label className="form-field wide">
        <span className="form-label">
          {partner.name}（{partner.code}）· {t('sync.partners.folderLabel')}
        </span>
        <input
          value={folder}
          autoFocus
          spellCheck={false}
          placeholder={t('sync.partners.folderPlaceholder')}
          data-testid="sync-folder-input"
          onChange={(e) => {
            setFolder(e.target.value);
            setError(null);
          }}
        />
      </label>
      <button type="submit" className="primary" data-testid="sync-folder-use" disabled={busy}>
        {t('sync.partners.folderUse')}
      </button>
      {partner.folder ? (
        <button type="button" data-testid="sync-folder-clear" disabled={busy} onClick={() => void save(null)}>
          {t('sync.partners.folderClear')}
        </button>
      ) : null}
      <button type="button" data-testid="sync-folder-cancel" onClick={onDone}>
        {t('sync.partners.folderCancel')}
      </button>
      {error ? (
        <div className="banner banner-error" data-testid="sync-folder-error">
          {error}
        </div>
      ) : null}
    </form>
  );
}
