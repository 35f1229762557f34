import { canonicalPhone, formatPhone } from '../../src-shared/validation/phone-form';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../src-shared/domain/customer';
import { COLOR_LABELS, CUSTOMER_CLASSES, CUSTOMER_KINDS, LIFECYCLE_STAGES, RELATIONSHIP_LEVELS } from '../../src-shared/domain/enums';
import type { Employee } from '../../src-shared/domain/organisation';
import type { FieldErrors } from '../../src-shared/errors';
import { ChipsInput } from '../components/ChipsInput';
import { ColorDot } from '../components/ColorDot';
import { enumLabel } from '../i18n/labels';
import { RegionSelect } from './RegionSelect';
import { StoreSelect } from './StoreSelect';
import { SELECT_FIELDS, TEXT_FIELDS, type Draft, type SelectField, type TextField } from './customer-draft';

/** Built-in fields that take the whole width of their section. */
export const WIDE_FIELDS = new Set(['name', 'address', 'notes', 'phones', 'tags']);

interface BuiltInFieldProps {
  name: string;
  draft: Draft;
  errors: FieldErrors;
  customer: Customer | null;
  employees: readonly Employee[] | null;
  setField<K extends keyof Draft>(field: K, value: Draft[K]): void;
}

const isText = (n: string): n is TextField => (TEXT_FIELDS as readonly string[]).includes(n);
const isSelect = (n: string): n is SelectField => (SELECT_FIELDS as readonly string[]).includes(n);

/** The input of one built-in customer field (`field-<name>`), wherever the layout places it. */
export function BuiltInField({ name, draft, errors, customer, employees, setField }: BuiltInFieldProps) {
  const { t } = useTranslation();
  const invalid = Boolean(errors[name]);
  if (name === 'storeCode') return <StoreSelect draft={draft} invalid={invalid} setField={setField} />;
  if (name === 'phones' || name === 'tags') {
    const pendingKey = name === 'phones' ? 'phonesInput' : 'tagsInput';
    return (
      <ChipsInput
        values={draft[name]}
        pending={draft[pendingKey]}
        onChange={(v) => setField(name, v)}
        onPending={(v) => setField(pendingKey, v)}
        placeholder={name === 'phones' ? t('card.addPhone') : t('card.addTag')}
        testId={`field-${name}`}
        invalid={invalid}
        {...(name === 'phones' ? { display: (v: string) => formatPhone(canonicalPhone(v)) } : {})}
      />
    );
  }
  if (isSelect(name)) {
    let options: { value: string; label: string }[] = [];
    let allowEmpty = true;
    if (name === 'kind') {
      options = CUSTOMER_KINDS.map((k) => ({ value: k, label: enumLabel(t, 'kind', k) }));
      allowEmpty = false;
    } else if (name === 'lifecycle') {
      options = LIFECYCLE_STAGES.map((l) => ({ value: l, label: enumLabel(t, 'lifecycle', l) }));
      allowEmpty = false;
    } else if (name === 'customerClass') {
      options = CUSTOMER_CLASSES.map((c) => ({ value: c, label: `${enumLabel(t, 'customerClass', c)} · ${enumLabel(t, 'customerClassHint', c)}` }));
    } else if (name === 'relationshipLevel') {
      options = RELATIONSHIP_LEVELS.map((l) => ({ value: String(l), label: enumLabel(t, 'relationshipLevel', l) }));
    } else if (name === 'colorLabel') {
      options = COLOR_LABELS.map((c) => ({ value: c, label: enumLabel(t, 'colorLabel', c) }));
    } else {
      options = (employees ?? [])
        .filter((e) => e.active || e.id === draft.ownerId)
        .map((e) => ({ value: e.id, label: e.active ? e.name : `${e.name}（${t('employees.inactive')}）` }));
      if (draft.ownerId && !options.some((o) => o.value === draft.ownerId)) {
        options.push({ value: draft.ownerId, label: customer?.ownerName ?? draft.ownerId });
      }
    }
    const select = (
      <select value={draft[name]} data-testid={`field-${name}`} aria-invalid={invalid} onChange={(e) => setField(name, e.target.value)}>
        {allowEmpty ? <option value="">{name === 'ownerId' ? t('card.chooseOwner') : t('common.none')}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
    if (name !== 'colorLabel') return select;
    return (
      <span className="color-select">
        <ColorDot color={COLOR_LABELS.find((c) => c === draft.colorLabel) ?? null} />
        {select}
      </span>
    );
  }
  if (name === 'province' || name === 'city' || name === 'district') {
    return <RegionSelect name={name} draft={draft} invalid={invalid} setField={setField} />;
  }
  if (isText(name)) {
    if (name === 'notes') {
      return (
        <textarea rows={4} value={draft.notes} data-testid="field-notes" aria-invalid={invalid} onChange={(e) => setField('notes', e.target.value)} />
      );
    }
    const placeholder = name === 'email' ? 'name@example.com' : name === 'website' ? 'www.example.com' : undefined;
    return (
      <input
        value={draft[name]}
        placeholder={placeholder}
        data-testid={`field-${name}`}
        aria-invalid={invalid}
        onChange={(e) => setField(name, e.target.value)}
      />
    );
  }
  return <span className="muted">{name}</span>;
}
