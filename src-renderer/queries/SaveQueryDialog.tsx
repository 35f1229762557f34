import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText, formFieldErrors } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { useQueriesData } from './queries-data';
import { useQuery } from './query-store';

/** Saves the current tree as a new query (name, 共享, pinned), or updates the open one. */
export function SaveQueryDialog({ asNew, onClose }: { asNew: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const current = useQuery((s) => s.saved);
  const definition = useQuery((s) => s.definition);
  const editing = !asNew && current?.mine ? current : null;
  const [name, setName] = useState(editing?.name ?? '');
  const [shared, setShared] = useState(editing?.shared ?? false);
  const [pinned, setPinned] = useState(editing?.pinned ?? false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      const q = editing
        ? await api.queries.update({ id: editing.id, patch: { name, definition, shared, pinned } })
        : await api.queries.save({ name, definition, shared, pinned });
      useQuery.getState().setSaved({ id: q.id, name: q.name, shared: q.shared, pinned: q.pinned, mine: q.mine });
      await Promise.all([useQueriesData.getState().loadSaved(), useQueriesData.getState().loadPinned()]);
      toast.success(t('saved.savedOk', { name: q.name }));
      onClose();
    } catch (err) {
      const code = formFieldErrors(err)?.['name'];
      setError(code ? t(`fieldError.${code}`) : errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('saved.saveTitle')}
      testId="save-query-dialog"
      onClose={onClose}
      width={420}
      footer={
        <>
          <button type="button" data-testid="save-query-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid="save-query-ok" disabled={busy} onClick={() => void submit()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="form-field wide">
          <span className="form-label">{t('saved.name')}</span>
          <input autoFocus data-testid="save-query-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
          {error ? (
            <span className="field-error" data-testid="save-query-error">
              {error}
            </span>
          ) : null}
        </label>
        <label className="check">
          <input type="checkbox" data-testid="save-query-shared" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          {t('saved.shared')}
        </label>
        <label className="check">
          <input type="checkbox" data-testid="save-query-pinned" checked={pinned} onChange={(e) => setPinned(e.target.checked)} />
          {t('saved.pinned')}
        </label>
      </form>
    </Dialog>
  );
}
