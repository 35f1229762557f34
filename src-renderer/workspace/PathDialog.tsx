import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors';
import { offerRestore } from '../backups/backups-actions';
import { offerLockedWorkspace } from '../host/LockDialog';
import { useApp } from '../app/app-store';
import { Dialog } from '../components/Dialog';
import { completePathAction } from './workspace-actions';
import { useWorkspaceDialogs, type PathPurpose } from './workspace-store';

const TITLES: Record<PathPurpose, string> = { open: 'pathDialog.titleOpen', create: 'pathDialog.titleCreate', saveCopy: 'pathDialog.titleSaveCopy' };
const HINTS: Record<PathPurpose, string> = { open: 'pathDialog.hintOpen', create: 'pathDialog.hintCreate', saveCopy: 'pathDialog.hintSaveCopy' };

/** The browser shell has no native file dialog: the user types the path (or picks a recent one). */
export function PathDialog() {
  const purpose = useWorkspaceDialogs((s) => s.pathPurpose);
  return purpose ? <PathDialogBody key={purpose} purpose={purpose} /> : null;
}

function PathDialogBody({ purpose }: { purpose: PathPurpose }) {
  const { t } = useTranslation();
  const close = useWorkspaceDialogs((s) => s.closePathDialog);
  const recent = useApp((s) => s.recent);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (value: string) => {
    if (value.trim() === '') {
      setError(t('fieldError.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await completePathAction(purpose, value.trim());
      close();
    } catch (err) {
      if (offerRestore(err)) close();
      // Held by another Kecard: its dialog opens over this one (connect, read-only, or back here).
      else if (offerLockedWorkspace(err)) setError(null);
      else setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t(TITLES[purpose])}
      testId="path-dialog"
      onClose={close}
      width={560}
      footer={
        <>
          <button type="button" data-testid="path-dialog-cancel" onClick={close}>
            {t('pathDialog.cancel')}
          </button>
          <button type="button" className="primary" data-testid="path-dialog-ok" disabled={busy} onClick={() => void submit(path)}>
            {t('pathDialog.ok')}
          </button>
        </>
      }
    >
      <p className="muted">{t(HINTS[purpose])}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(path);
        }}
      >
        <label className="form-field wide">
          <span className="form-label">{t('pathDialog.label')}</span>
          <input
            value={path}
            autoFocus
            spellCheck={false}
            placeholder={t('pathDialog.placeholder')}
            data-testid="path-dialog-input"
            onChange={(e) => {
              setPath(e.target.value);
              setError(null);
            }}
          />
          {error ? (
            <span className="field-error" data-testid="path-dialog-error">
              {error}
            </span>
          ) : null}
        </label>
      </form>
      {purpose === 'open' && recent.length > 0 ? (
        <div className="path-recent">
          <div className="form-label">{t('pathDialog.recent')}</div>
          <ul className="recent-list compact">
            {recent.map((r) => (
              <li key={r.path}>
                <button
                  type="button"
                  className="recent-entry"
                  data-testid="path-dialog-recent"
                  data-path={r.path}
                  disabled={!r.exists || busy}
                  onClick={() => {
                    setPath(r.path);
                    void submit(r.path);
                  }}
                >
                  <span className="recent-name">{r.name}</span>
                  <span className="recent-path">{r.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Dialog>
  );
}
