import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FormFieldProps {
  label: string;
  /** Error code from main (`required`, `phone`, …), translated under the input. */
  error?: string | undefined;
  /** Prefix of the error's test id: `field-error-<name>` by default. */
  errorTestId: string;
  wide?: boolean;
  children: ReactNode;
}

export function FormField({ label, error, errorTestId, wide, children }: FormFieldProps) {
  const { t } = useTranslation();
  return (
    <div className={`form-field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`}>
      <span className="form-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" data-testid={errorTestId} data-code={error}>
          {t(`fieldError.${error}`, { defaultValue: t('fieldError.invalid') })}
        </span>
      ) : null}
    </div>
  );
}
