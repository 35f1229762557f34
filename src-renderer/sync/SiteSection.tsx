import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncJoinResult, SyncStatusOutput } from '../../src-shared/contract/sync-methods';
import { api } from '../api/client';
import type { UploadedFile } from '../api/upload';
import { toast } from '../components/toast-store';
import { chooseNative, uploadChosen, useNativeDialogs } from './choose-files';
import { runSyncJob } from './sync-job';
import { useSync } from './sync-store';
import { useAction } from './use-action';

export type Joined = SyncJoinResult;

/** 本站点: who this site is in the network, or — standalone — the two ways in: create (HQ) or join (store). */
export function SiteSection({ status, joined, onJoined }: { status: SyncStatusOutput; joined: Joined | null; onJoined(j: Joined): void }) {
  const { t } = useTranslation();
  return (
    <section className="sync-section" data-testid="sync-site">
      <h3>{t('sync.site.title')}</h3>
      {status.networkId ? (
        <dl className="sync-site-facts" data-testid="sync-site-facts" data-role={status.role ?? ''} data-code={status.code ?? ''}>
          <dt>{t('sync.site.name')}</dt>
          <dd data-testid="sync-site-name">{status.name}</dd>
          <dt>{t('sync.site.code')}</dt>
          <dd data-testid="sync-site-code">{status.code}</dd>
          <dt>{t('sync.site.role')}</dt>
          <dd data-testid="sync-site-role">{status.role === 'hq' ? t('sync.site.hq') : t('sync.site.store')}</dd>
          <dt>{t('sync.site.network')}</dt>
          <dd className="sync-mono" data-testid="sync-site-network">
            {status.networkId}
          </dd>
        </dl>
      ) : (
        <>
          <p className="muted" data-testid="sync-standalone">
            {t('sync.site.standalone')}
          </p>
          <div className="sync-setup">
            <CreateNetwork />
            <JoinNetwork onJoined={onJoined} />
          </div>
        </>
      )}
      {joined ? (
        <div className="banner banner-info sync-joined" data-testid="sync-joined">
          <p>{t('sync.join.joined', { name: joined.hq.name, code: joined.hq.code })}</p>
          <p>
            {t('sync.join.safety')}：
            <strong className="sync-safety" data-testid="sync-joined-safety">
              {joined.safetyCode}
            </strong>
          </p>
          <p>{t('sync.join.safetyHint')}</p>
          <p data-testid="sync-joined-next">{t('sync.join.next')}</p>
        </div>
      ) : null}
    </section>
  );
}

function CreateNetwork() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { busy, error, run } = useAction();
  const submit = async () => {
    const status = await run(() => api.sync.createNetwork({ code, name }));
    if (!status) return;
    useSync.getState().set(status);
    toast.success(t('sync.create.done'));
  };
  return (
    <form
      className="sync-card"
      data-testid="sync-create-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4>{t('sync.create.title')}</h4>
      <p className="muted">{t('sync.create.hint')}</p>
      <label className="form-field">
        <span className="form-label">{t('sync.create.code')}</span>
        <input value={code} placeholder={t('sync.create.codePlaceholder')} data-testid="sync-create-code" onChange={(e) => setCode(e.target.value)} />
      </label>
      <label className="form-field">
        <span className="form-label">{t('sync.create.name')}</span>
        <input value={name} placeholder={t('sync.create.namePlaceholder')} data-testid="sync-create-name" onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="primary" data-testid="sync-create-submit" disabled={busy}>
        {t('sync.create.submit')}
      </button>
      {error ? (
        <div className="banner banner-error" data-testid="sync-create-error">
          {error}
        </div>
      ) : null}
    </form>
  );
}

function JoinNetwork({ onJoined }: { onJoined(j: Joined): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const native = useNativeDialogs();
  const { busy, error, run } = useAction();
  const join = async (files: () => Promise<UploadedFile[]>) => {
    const joined = await run(async () => {
      const [file] = await files();
      if (!file) return undefined;
      const answer = await runSyncJob<SyncJoinResult>('join', () => api.sync.join({ fileToken: file.fileToken }));
      await useSync.getState().refresh();
      return answer;
    });
    if (joined) onJoined(joined);
  };
  return (
    <div className="sync-card" data-testid="sync-join">
      <h4>{t('sync.join.title')}</h4>
      <p className="muted">{t('sync.join.hint')}</p>
      <input
        ref={input}
        type="file"
        accept=".kcinvite"
        hidden
        data-testid="sync-join-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void join(() => uploadChosen([file]));
        }}
      />
      <button
        type="button"
        className="primary"
        data-testid="sync-join-choose"
        disabled={busy}
        onClick={() => (native ? void join(() => chooseNative('invitation')) : input.current?.click())}
      >
        {t('sync.join.choose')}
      </button>
      {error ? (
        <div className="banner banner-error" data-testid="sync-join-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
