import { useTranslation } from 'react-i18next';
import {
  COLOR_LABELS,
  CUSTOMER_CLASSES,
  CUSTOMER_KINDS,
  LIFECYCLE_STAGES,
  RELATIONSHIP_LEVELS,
} from '../../src-shared/domain/enums';
import { ChipsInput } from '../components/ChipsInput';
import { ColorDot } from '../components/ColorDot';
import { FormField } from '../components/FormField';
import { useEmployees } from '../employees/use-employees';
import { enumLabel, formatDateTime } from '../i18n/labels';
import { useCard } from './card-store';
import type { Draft, SelectField, TextField } from './customer-draft';

/** 基本信息: every customer field; messages from main appear under the field they concern. */
export function BasicTab() {
  const { t } = useTranslation();
  const draft = useCard((s) => s.draft);
  const errors = useCard((s) => s.errors);
  const setField = useCard((s) => s.setField);
  const customer = useCard((s) => s.card?.customer ?? null);
  const employees = useEmployees(true);

  const text = (name: TextField, opts: { wide?: boolean; multiline?: boolean; placeholder?: string } = {}) => (
    <FormField label={t(`customer.${name}`)} error={errors[name]} errorTestId={`field-error-${name}`} wide={opts.wide}>
      {opts.multiline ? (
        <textarea
          rows={4}
          value={draft[name]}
          data-testid={`field-${name}`}
          aria-invalid={Boolean(errors[name])}
          onChange={(e) => setField(name, e.target.value)}
        />
      ) : (
        <input
          value={draft[name]}
          placeholder={opts.placeholder}
          data-testid={`field-${name}`}
          aria-invalid={Boolean(errors[name])}
          onChange={(e) => setField(name, e.target.value)}
        />
      )}
    </FormField>
  );

  const select = (name: SelectField, options: { value: string; label: string }[], allowEmpty: boolean) => (
    <FormField label={t(`customer.${name}`)} error={errors[name]} errorTestId={`field-error-${name}`}>
      <select value={draft[name]} data-testid={`field-${name}`} aria-invalid={Boolean(errors[name])} onChange={(e) => setField(name, e.target.value)}>
        {allowEmpty ? <option value="">{name === 'ownerId' ? t('card.chooseOwner') : t('common.none')}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FormField>
  );

  const owners = (employees ?? [])
    .filter((e) => e.active || e.id === draft.ownerId)
    .map((e) => ({ value: e.id, label: e.active ? e.name : `${e.name}（${t('employees.inactive')}）` }));
  if (draft.ownerId && !owners.some((o) => o.value === draft.ownerId)) {
    owners.push({ value: draft.ownerId, label: customer?.ownerName ?? draft.ownerId });
  }

  const chips = (name: 'phones' | 'tags', pendingKey: keyof Draft, placeholder: string) => (
    <FormField label={t(`customer.${name}`)} error={errors[name]} errorTestId={`field-error-${name}`} wide>
      <ChipsInput
        values={draft[name]}
        pending={draft[pendingKey] as string}
        onChange={(v) => setField(name, v)}
        onPending={(v) => setField(pendingKey, v)}
        placeholder={placeholder}
        testId={`field-${name}`}
        invalid={Boolean(errors[name])}
      />
    </FormField>
  );

  return (
    <div className="basic-tab" data-testid="basic-tab">
      <fieldset className="form-section">
        <legend>{t('card.sectionMain')}</legend>
        <div className="form-grid">
          {text('name', { wide: true })}
          {text('shortName')}
          {text('code')}
          {select('kind', CUSTOMER_KINDS.map((k) => ({ value: k, label: enumLabel(t, 'kind', k) })), false)}
          {text('industry')}
          {text('source')}
          {select('ownerId', owners, true)}
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('card.sectionRegion')}</legend>
        <div className="form-grid">
          {text('province')}
          {text('city')}
          {text('district')}
          {text('address', { wide: true })}
          {chips('phones', 'phonesInput', t('card.addPhone'))}
          {text('email', { placeholder: 'name@example.com' })}
          {text('website', { placeholder: 'www.example.com' })}
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('card.sectionClass')}</legend>
        <div className="form-grid">
          {select(
            'customerClass',
            CUSTOMER_CLASSES.map((c) => ({ value: c, label: `${enumLabel(t, 'customerClass', c)} · ${enumLabel(t, 'customerClassHint', c)}` })),
            true,
          )}
          {select('lifecycle', LIFECYCLE_STAGES.map((l) => ({ value: l, label: enumLabel(t, 'lifecycle', l) })), false)}
          {select(
            'relationshipLevel',
            RELATIONSHIP_LEVELS.map((l) => ({ value: String(l), label: enumLabel(t, 'relationshipLevel', l) })),
            true,
          )}
          <FormField label={t('customer.colorLabel')} error={errors.colorLabel} errorTestId="field-error-colorLabel">
            <span className="color-select">
              <ColorDot color={COLOR_LABELS.find((c) => c === draft.colorLabel) ?? null} />
              <select value={draft.colorLabel} data-testid="field-colorLabel" onChange={(e) => setField('colorLabel', e.target.value)}>
                <option value="">{t('common.none')}</option>
                {COLOR_LABELS.map((c) => (
                  <option key={c} value={c}>
                    {enumLabel(t, 'colorLabel', c)}
                  </option>
                ))}
              </select>
            </span>
          </FormField>
          {chips('tags', 'tagsInput', t('card.addTag'))}
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('card.sectionOther')}</legend>
        <div className="form-grid">
          {text('notes', { wide: true, multiline: true })}
          {customer ? (
            <>
              <div className="form-field readonly">
                <span className="form-label">{t('customer.createdAt')}</span>
                <span data-testid="field-createdAt">{formatDateTime(customer.createdAt)}</span>
              </div>
              <div className="form-field readonly">
                <span className="form-label">{t('customer.updatedAt')}</span>
                <span data-testid="field-updatedAt">{formatDateTime(customer.updatedAt)}</span>
              </div>
            </>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}
