import { useRef, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDateText } from '../../src-shared/validation/date-text';
import { Icon } from './Icon';
import './date-input.css';

interface DateInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  value: string;
  onChange(value: string): void;
  testId: string;
}

/**
 * A day typed as people write it (1985/3/12, 1985.3.12, 1985年3月12日, 19850312, as import reads
 * them), shown as YYYY-MM-DD once the field is left. What is not a day, or is outside 1900–2100,
 * is marked when the field is left (red, the reason as its tooltip) and named under the field by
 * the form when saving: a message appearing on blur would move the Save button under the mouse.
 * The calendar button opens the browser's calendar for picking instead.
 */
export function DateInput({ value, onChange, testId, onBlur, className, ...rest }: DateInputProps) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const parsed = parseDateText(value);
  const problem = left && !parsed.ok ? parsed.code : null;
  return (
    <span className={`date-input${className ? ` ${className}` : ''}`}>
      <span className="date-input-row">
        <input
          {...rest}
          value={value}
          placeholder={rest.placeholder ?? t('ux.date.placeholder')}
          data-testid={testId}
          data-problem={problem ?? undefined}
          title={problem ? t(`fieldError.${problem}`) : rest.title}
          aria-invalid={rest['aria-invalid'] || problem !== null || undefined}
          onChange={(e) => {
            setLeft(false);
            onChange(e.target.value);
          }}
          onBlur={(e) => {
            setLeft(true);
            if (parsed.ok && parsed.value !== null && parsed.value !== value) onChange(parsed.value);
            onBlur?.(e);
          }}
        />
        <button
          type="button"
          className="icon date-input-pick"
          tabIndex={-1}
          title={t('ux.date.pick')}
          aria-label={t('ux.date.pick')}
          onClick={() => picker.current?.showPicker()}
        >
          <Icon name="calendar" />
        </button>
        <input
          ref={picker}
          type="date"
          className="date-input-proxy"
          tabIndex={-1}
          aria-hidden
          value={parsed.ok && parsed.value ? parsed.value : ''}
          onChange={(e) => {
            setLeft(true);
            onChange(e.target.value);
          }}
        />
      </span>
    </span>
  );
}
