import { useTranslation } from 'react-i18next';

interface ChipsInputProps {
  values: string[];
  pending: string;
  onChange(values: string[]): void;
  onPending(text: string): void;
  placeholder: string;
  testId: string;
  invalid?: boolean;
  /** How a chip reads (phones formatted); the value itself is kept as stored. */
  display?: (value: string) => string;
}

/** A list of short values as chips; Enter, comma or semicolon adds the typed text, Backspace removes. */
export function ChipsInput({ values, pending, onChange, onPending, placeholder, testId, invalid, display }: ChipsInputProps) {
  const { t } = useTranslation();
  const commit = () => {
    const parts = pending
      .split(/[,，;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.length > 0) onChange([...values, ...parts.filter((p) => !values.includes(p))]);
    onPending('');
  };
  return (
    <div className={`chips-input${invalid ? ' invalid' : ''}`} data-testid={`${testId}-chips`}>
      {values.map((v, i) => (
        <span key={`${v}-${i}`} className="chip" data-testid={`${testId}-chip`}>
          {display ? display(v) : v}
          <button
            type="button"
            className="chip-remove"
            title={t('common.remove')}
            data-testid={`${testId}-chip-remove`}
            onClick={() => onChange(values.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        value={pending}
        placeholder={values.length === 0 ? placeholder : ''}
        data-testid={testId}
        onChange={(e) => onPending(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',' || e.key === '，' || e.key === ';') {
            if (pending.trim() !== '') {
              e.preventDefault();
              commit();
            }
          } else if (e.key === 'Backspace' && pending === '' && values.length > 0) {
            onChange(values.slice(0, -1));
          }
        }}
        onBlur={commit}
      />
    </div>
  );
}
