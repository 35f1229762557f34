import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EncryptionState } from '../../src-shared/contract/people-methods';
import { api, ApiCallError } from '../api/client';
import { errorText } from '../api/errors';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { formatBytes } from '../format/format-bytes';
import { formatDateTime } from '../i18n/labels';
import { useSession } from '../people/session-store';
import '../people/people.css';

type Cipher = 'chacha20' | 'sqlcipher';

/**
 * 设置 → 数据加密 (managers): whether the file is encrypted, where it and its keys file are,
 * turning encryption on or off (the password asked again), and the plain backups written before
 * it was on (encrypt or delete them). Main checks the role and the password; this only asks.
 */
export function EncryptionPanel() {
  const { t } = useTranslation();
  const hasPassword = useSession((s) => s.session?.user?.hasPassword ?? false);
  const [state, setState] = useState<EncryptionState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [cipher, setCipher] = useState<Cipher>('chacha20');
  // What is running: the rekey rewrites every page of the file (seconds for a small file, minutes at a million customers).
  const [running, setRunning] = useState<'encrypt' | 'decrypt' | 'plain' | null>(null);

  const reload = useCallback(
    () =>
      api.workspace
        .encryption({})
        .then(setState)
        .catch((err: unknown) => setError(errorText(t, err))),
    [t],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  const failed = (err: unknown) => {
    // A wrong password is said beside its field; anything else above the panel.
    if (err instanceof ApiCallError && err.code === 'VALIDATION' && err.fields.password) setPasswordError(t('fieldError.wrongPassword'));
    else setError(errorText(t, err));
  };

  const encrypt = async () => {
    setRunning('encrypt');
    setError(null);
    setPasswordError(null);
    try {
      const { recoveryCode } = await api.workspace.encrypt({ password, cipher });
      setPassword('');
      useSession.getState().showRecoveryCode(recoveryCode);
      toast.success(t('enc.encrypted'));
      await reload();
    } catch (err) {
      failed(err);
    } finally {
      setRunning(null);
    }
  };

  const decrypt = async () => {
    if (!(await confirmAsk(t('enc.confirmDecrypt'), true))) return;
    setRunning('decrypt');
    setError(null);
    setPasswordError(null);
    try {
      await api.workspace.decrypt({ password });
      setPassword('');
      toast.success(t('enc.decrypted'));
      await reload();
    } catch (err) {
      failed(err);
    } finally {
      setRunning(null);
    }
  };

  const handlePlain = async (how: 'encrypt' | 'delete') => {
    const files = state?.plainCopies.map((b) => b.file) ?? [];
    if (files.length === 0) return;
    if (how === 'delete' && !(await confirmAsk(t('enc.confirmDeletePlain', { count: files.length }), true))) return;
    setRunning('plain');
    setError(null);
    try {
      if (how === 'encrypt') await api.backups.encryptPlain({ files });
      else await api.backups.deletePlain({ files });
      toast.success(t(how === 'encrypt' ? 'enc.plainEncrypted' : 'enc.plainDeleted', { count: files.length }));
      await reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setRunning(null);
    }
  };

  if (!state) return error ? <div className="banner banner-error">{error}</div> : <p className="muted">{t('app.loading')}</p>;
  const keysFile = state.keysFile.split(/[\\/]/).pop() ?? state.keysFile;
  const busy = running !== null;
  return (
    <div className="encryption-panel" data-testid="encryption-panel" data-encrypted={state.encrypted ? 'true' : 'false'}>
      <h2>{t('enc.title')}</h2>
      <p className="muted">{t('enc.intro')}</p>
      <table className="encryption-facts">
        <tbody>
          <tr>
            <th>{t('enc.state')}</th>
            <td data-testid="encryption-state">{state.encrypted ? t('enc.on') : t('enc.off')}</td>
          </tr>
          {state.cipher ? (
            <tr>
              <th>{t('enc.cipher')}</th>
              <td data-testid="encryption-cipher">{state.cipher === 'chacha20' ? 'ChaCha20' : 'SQLCipher (AES-256)'}</td>
            </tr>
          ) : null}
          <tr>
            <th>{t('enc.file')}</th>
            <td className="path" data-testid="encryption-path">
              {state.path}
            </td>
          </tr>
          {state.encrypted ? (
            <tr>
              <th>{t('enc.keysFile')}</th>
              <td className="path" data-testid="encryption-keys-file">
                {state.keysFile}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {error ? (
        <div className="banner banner-error" data-testid="encryption-error">
          {error}
        </div>
      ) : null}
      <p>{t('enc.keysExplain', { keysFile })}</p>
      {!state.encrypted ? <p>{t('enc.recoveryExplain')}</p> : <p className="muted">{t('enc.decryptExplain')}</p>}

      {!hasPassword ? (
        <div className="banner" data-testid="encryption-need-password">
          {t('enc.needPassword')}{' '}
          <button type="button" data-testid="encryption-set-password" onClick={() => useSession.getState().openPasswordDialog(true)}>
            {t('enc.setPassword')}
          </button>
        </div>
      ) : (
        <div className="people-form encryption-form">
          {!state.encrypted ? (
            <label>
              {t('enc.chooseCipher')}
              <select data-testid="encryption-cipher-choice" value={cipher} disabled={busy} onChange={(e) => setCipher(e.target.value as Cipher)}>
                <option value="chacha20">{t('enc.cipherChacha20')}</option>
                <option value="sqlcipher">{t('enc.cipherSqlcipher')}</option>
              </select>
            </label>
          ) : null}
          <label>
            {t('enc.password')}
            <input
              type="password"
              data-testid="encryption-password"
              value={password}
              disabled={busy}
              autoComplete="current-password"
              onChange={(e) => setPassword(e.target.value)}
            />
            {passwordError ? (
              <div className="field-error" data-testid="encryption-password-error">
                {passwordError}
              </div>
            ) : null}
          </label>
          <div>
            {state.encrypted ? (
              <button
                type="button"
                className="danger"
                data-testid="encryption-decrypt"
                disabled={busy || password === ''}
                onClick={() => void decrypt()}
              >
                {t('enc.decrypt')}
              </button>
            ) : (
              <button
                type="button"
                className="primary"
                data-testid="encryption-encrypt"
                disabled={busy || password === ''}
                onClick={() => void encrypt()}
              >
                {t('enc.encrypt')}
              </button>
            )}
          </div>
          {running === 'encrypt' || running === 'decrypt' ? (
            <div className="encryption-progress" role="status" data-testid="encryption-progress">
              <progress />
              <span>{t(running === 'encrypt' ? 'enc.encrypting' : 'enc.decrypting')}</span>
            </div>
          ) : null}
        </div>
      )}

      {state.encrypted ? (
        <PlainCopies state={state} busy={busy} onEncrypt={() => void handlePlain('encrypt')} onDelete={() => void handlePlain('delete')} />
      ) : null}
    </div>
  );
}

/** Review finding 9: the backups written before encryption, still plain, with dates and sizes. */
function PlainCopies({ state, busy, onEncrypt, onDelete }: { state: EncryptionState; busy: boolean; onEncrypt(): void; onDelete(): void }) {
  const { t } = useTranslation();
  return (
    <section className="encryption-plain" data-testid="encryption-plain">
      <h3>{t('enc.plainTitle')}</h3>
      {state.plainCopies.length === 0 ? (
        <p className="muted" data-testid="encryption-plain-none">
          {t('enc.plainNone')}
        </p>
      ) : (
        <>
          <p>{t('enc.plainExplain')}</p>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('enc.takenAt')}</th>
                <th>{t('enc.reason')}</th>
                <th>{t('enc.size')}</th>
              </tr>
            </thead>
            <tbody>
              {state.plainCopies.map((b) => (
                <tr key={b.file} data-testid="encryption-plain-row" data-file={b.file}>
                  <td>{formatDateTime(b.takenAt)}</td>
                  <td>{t(`bk.reason.${b.reason}`, { defaultValue: b.reason })}</td>
                  <td className="num">{formatBytes(b.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="encryption-plain-actions">
            <button type="button" className="primary" data-testid="encryption-plain-encrypt" disabled={busy} onClick={onEncrypt}>
              {t('enc.encryptPlain')}
            </button>
            <button type="button" className="danger" data-testid="encryption-plain-delete" disabled={busy} onClick={onDelete}>
              {t('enc.deletePlain')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
