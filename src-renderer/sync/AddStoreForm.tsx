import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { saveDownload } from '../api/download-file';
import { useSync } from './sync-store';
import { useAction } from './use-action';

/** 门店管理 (HQ): a new store by code and name; its invitation file is downloaded at once. */
export function AddStoreForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [done, setDone] = useState<{ name: string; file: string } | null>(null);
  const { busy, error, run } = useAction();
  const submit = async () => {
    setDone(null);
    const made = await run(async () => {
      const invitation = await api.sync.invite({ code, name });
      await saveDownload(invitation.downloadToken, invitation.fileName);
      await useSync.getState().refresh();
      return invitation;
    });
    if (!made) return;
    setDone({ name: name.trim(), file: made.fileName });
    setCode('');
    setName('');
  };
  return (
    <section className="sync-section" data-testid="sync-stores">
      <h3>{t('sync.stores.title')}</h3>
      <form
        className="sync-inline-form"
        data-testid="sync-invite-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="form-field">
          <span className="form-label">{t('sync.stores.code')}</span>
          <input
            value={code}
            placeholder={t('sync.stores.codePlaceholder')}
            data-testid="sync-invite-code"
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        <label className="form-field">
          <span className="form-label">{t('sync.stores.name')}</span>
          <input
            value={name}
            placeholder={t('sync.stores.namePlaceholder')}
            data-testid="sync-invite-name"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" data-testid="sync-invite-submit" disabled={busy}>
          {t('sync.stores.submit')}
        </button>
      </form>
      {error ? (
        <div className="banner banner-error" data-testid="sync-invite-error">
          {error}
        </div>
      ) : null}
      {done ? (
        <div className="sync-joined" data-testid="sync-invite-done" data-file={done.file}>
          <p>{t('sync.stores.done', { name: done.name, file: done.file })}</p>
          <p>{t('sync.stores.handOver')}</p>
        </div>
      ) : null}
    </section>
  );
}
