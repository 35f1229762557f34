import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  label: string;
  initial: string;
  testId: string;
  /** Resolves to an error text to show, or null when done. */
  onSubmit(value: string): Promise<string | null>;
  onClose(): void;
  children?: ReactNode;
}

/** Asks for one line of text (a department name); errors from main stay in the dialog. */
export function PromptDialog({ title, label, initial, testId, onSubmit, onClose, children }: Props) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const err = await onSubmit(value);
    setBusy(false);
    if (err) setError(err);
  };
  return (
    <Dialog
      title={title}
      testId={testId}
      onClose={onClose}
      footer={
        <>
          <button type="button" data-testid={`${testId}-cancel`} onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid={`${testId}-ok`} disabled={busy} onClick={() => void submit()}>
            {t('common.ok')}
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
          <span className="form-label">{label}</span>
          <input
            value={value}
            autoFocus
            data-testid={`${testId}-input`}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
          />
          {error ? (
            <span className="field-error" data-testid={`${testId}-error`}>
              {error}
            </span>
          ) : null}
        </label>
        {children}
      </form>
    </Dialog>
  );
}
