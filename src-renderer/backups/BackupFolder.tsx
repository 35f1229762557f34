import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../src-shared/contract/methods';
import { api } from '../api/client';
import { apiErrorText, errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import { formatBytes } from '../format/format-bytes';

type Location = MethodOutput<'backups.location'>;

/**
 * 备份文件夹: where the backups go, the disk's free space against what a backup takes, and
 * 更改文件夹… — a native folder dialog in Electron; the browser shell asks for the path, as it
 * does for workspace files. Main checks the folder (exists, writable, room for a backup).
 */
/** `listed`: the number of backups listed, so the free space is read again after a backup. */
export function BackupFolder({ busy, listed, onChanged }: { busy: boolean; listed: number; onChanged(): void }) {
  const { t } = useTranslation();
  const [location, setLocation] = useState<Location | null>(null);
  const [typing, setTyping] = useState(false);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const reload = useCallback(() => api.backups.location({}).then(setLocation, (err: unknown) => setError(errorText(t, err))), [t]);
  // Not useData: the folder and its free space are the disk's, not data main announces changes of.
  useEffect(() => {
    void reload();
  }, [reload, listed]);

  const changed = (next: Location) => {
    setLocation(next);
    setTyping(false);
    setPath('');
    toast.success(next.folder ? t('bk.folder.changed', { dir: next.dir }) : t('bk.folder.resetDone'));
    onChanged();
  };

  const run = async (action: () => Promise<Location | null>) => {
    setSaving(true);
    setError(null);
    try {
      const next = await action();
      if (next) changed(next);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setSaving(false);
    }
  };

  const change = () =>
    run(async () => {
      const answer = await api.backups.chooseFolder({});
      if (!answer.native) setTyping(true);
      return answer.location;
    });
  const submitTyped = () => {
    if (path.trim() === '') {
      setError(t('fieldError.required'));
      return;
    }
    void run(() => api.backups.setFolder({ folder: path.trim() }));
  };

  const disabled = busy || saving;
  return (
    <section className="backups-folder" data-testid="backups-folder-section">
      <div className="backups-folder-line">
        <strong>{t('bk.folder.title')}：</strong>
        <span data-testid="backups-folder" data-custom={location?.folder ? 'true' : 'false'}>
          {location ? location.dir : t('app.loading')}
        </span>
        {location && !location.folder ? <span className="muted"> {t('bk.folder.isDefault')}</span> : null}
      </div>
      {location?.problem ? (
        <div className="banner banner-error" data-testid="backups-folder-problem">
          {apiErrorText(t, location.problem)}
        </div>
      ) : null}
      {location && location.freeBytes !== null ? (
        location.enoughSpace ? (
          <p className="muted" data-testid="backups-free">
            {t('bk.folder.free', { free: formatBytes(location.freeBytes), needed: formatBytes(location.neededBytes) })}
          </p>
        ) : (
          <div className="banner banner-warning" data-testid="backups-free" data-enough="false">
            {t('bk.folder.tooSmall', { free: formatBytes(location.freeBytes), needed: formatBytes(location.neededBytes) })}
          </div>
        )
      ) : null}
      {typing ? (
        <form
          className="backups-folder-form"
          onSubmit={(e) => {
            e.preventDefault();
            submitTyped();
          }}
        >
          <label className="form-field wide">
            <span className="form-label">{t('bk.folder.pathLabel')}</span>
            <input
              value={path}
              autoFocus
              spellCheck={false}
              placeholder={t('bk.folder.pathPlaceholder')}
              data-testid="backups-folder-input"
              onChange={(e) => {
                setPath(e.target.value);
                setError(null);
              }}
            />
          </label>
          <button type="submit" className="primary" data-testid="backups-folder-use" disabled={disabled}>
            {t('bk.folder.use')}
          </button>
          <button type="button" data-testid="backups-folder-cancel" onClick={() => setTyping(false)}>
            {t('bk.folder.cancel')}
          </button>
        </form>
      ) : (
        <div className="backups-folder-actions">
          <button type="button" data-testid="backups-folder-change" disabled={disabled} onClick={() => void change()}>
            {t('bk.folder.change')}
          </button>
          {location?.folder ? (
            <button
              type="button"
              data-testid="backups-folder-reset"
              disabled={disabled}
              onClick={() => void run(() => api.backups.setFolder({ folder: null }))}
            >
              {t('bk.folder.reset')}
            </button>
          ) : null}
        </div>
      )}
      {error ? (
        <div className="banner banner-error" data-testid="backups-folder-error">
          {error}
        </div>
      ) : null}
      {location?.folder ? <p className="muted">{t('bk.folder.oldKept')}</p> : null}
    </section>
  );
}
