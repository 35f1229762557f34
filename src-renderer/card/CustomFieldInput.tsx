import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import type { Employee } from '../../src-shared/domain/organisation';
import { api } from '../api/client';
import { CustomerPicker } from './CustomerPicker';
import { DateInput } from '../components/DateInput';
import { cssColor, customText, optionOf, type DraftValue } from './custom-values';
import { useData } from '../api/use-data';

interface CustomFieldInputProps {
  field: CustomField;
  value: DraftValue;
  onChange(value: DraftValue): void;
  invalid: boolean;
  testId: string;
  employees: readonly Employee[] | null;
  /** The stored value, for read-only computed totals. */
  stored?: unknown;
}

export function Swatch({ color }: { color: string | null | undefined }) {
  if (!color) return null;
  return <span className="swatch" style={{ background: cssColor(color) }} data-color={color} />;
}

function CustomerRefInput({ value, onChange, testId }: { value: string; onChange(v: DraftValue): void; testId: string }) {
  const name = useData(
    () => (value ? api.customers.get({ id: value }).then((c) => c.customer.name) : Promise.resolve(null)),
    [value],
    ['customer'],
  ).data;
  return <CustomerPicker value={value || null} label={name} testId={testId} onChange={(id) => onChange(id ?? '')} />;
}

/** The editor of one custom field, by type: coloured selects, option chips, yes/no, money in 元 … */
export function CustomFieldInput({ field, value, onChange, invalid, testId, employees, stored }: CustomFieldInputProps) {
  const { t } = useTranslation();
  const text = typeof value === 'string' ? value : '';
  const common = { 'data-testid': testId, 'aria-invalid': invalid, title: field.help ?? undefined };
  switch (field.type) {
    case 'longText':
      return <textarea rows={3} value={text} {...common} onChange={(e) => onChange(e.target.value)} />;
    case 'integer':
    case 'decimal':
      return <input inputMode="decimal" value={text} {...common} onChange={(e) => onChange(e.target.value)} />;
    case 'money':
      return (
        <span className="affix-input">
          <span className="affix">¥</span>
          <input inputMode="decimal" value={text} placeholder="0.00" {...common} onChange={(e) => onChange(e.target.value)} />
          <span className="affix">{t('cards.yuan')}</span>
        </span>
      );
    case 'percent':
      return (
        <span className="affix-input">
          <input inputMode="decimal" value={text} {...common} onChange={(e) => onChange(e.target.value)} />
          <span className="affix">%</span>
        </span>
      );
    case 'date':
      return <DateInput value={text} testId={testId} aria-invalid={invalid} title={field.help ?? undefined} onChange={onChange} />;
    case 'datetime':
      return <input type="datetime-local" value={text} {...common} onChange={(e) => onChange(e.target.value)} />;
    case 'phone':
      return <input type="tel" value={text} {...common} onChange={(e) => onChange(e.target.value)} />;
    case 'email':
      return <input type="email" value={text} placeholder="name@example.com" {...common} onChange={(e) => onChange(e.target.value)} />;
    case 'url':
      return <input value={text} placeholder="www.example.com" {...common} onChange={(e) => onChange(e.target.value)} />;
    case 'select':
      return (
        <span className="color-select">
          <Swatch color={optionOf(field, text)?.color} />
          <select value={text} {...common} onChange={(e) => onChange(e.target.value)}>
            <option value="">{t('common.none')}</option>
            {field.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </span>
      );
    case 'multiSelect': {
      const selected = Array.isArray(value) ? value : [];
      return (
        <span className={`option-chips${invalid ? ' invalid' : ''}`} data-testid={testId} title={field.help ?? undefined}>
          {field.options.map((o) => {
            const on = selected.includes(o.value);
            return (
              <button
                key={o.value}
                type="button"
                className={`option-chip${on ? ' on' : ''}`}
                aria-pressed={on}
                data-testid={`${testId}-option`}
                data-value={o.value}
                style={on && o.color ? { borderColor: cssColor(o.color), color: cssColor(o.color) } : undefined}
                onClick={() => onChange(on ? selected.filter((v) => v !== o.value) : [...selected, o.value])}
              >
                <Swatch color={o.color} />
                {o.label}
              </button>
            );
          })}
        </span>
      );
    }
    case 'boolean':
      return (
        <select
          value={value === true ? 'true' : value === false ? 'false' : ''}
          {...common}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'true')}
        >
          <option value="">{t('common.none')}</option>
          <option value="true">{t('common.yes')}</option>
          <option value="false">{t('common.no')}</option>
        </select>
      );
    case 'staff':
      return (
        <select value={text} {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('common.none')}</option>
          {(employees ?? [])
            .filter((e) => e.active || e.id === text)
            .map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
        </select>
      );
    case 'customerRef':
      return <CustomerRefInput value={text} onChange={onChange} testId={testId} />;
    case 'computedTotal':
      return (
        <span className="readonly-value" data-testid={testId}>
          {customText(t, field, stored) || '—'}
        </span>
      );
    default:
      return <input value={text} {...common} onChange={(e) => onChange(e.target.value)} />;
  }
}
