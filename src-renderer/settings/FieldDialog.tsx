import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CUSTOM_FIELD_TYPES,
  type ComputedSpec,
  type CustomField,
  type CustomFieldEntity,
  type CustomFieldType,
  type SelectOption,
} from '../../src-shared/domain/custom-fields';
import type { FieldErrors } from '../../src-shared/errors';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { cardFieldErrors } from '../card/card-errors';
import { CustomFieldInput } from '../card/CustomFieldInput';
import { fromDraft, toDraft, type DraftValue } from '../card/custom-values';
import { useBusinessTypes } from '../card/use-meta';
import { Dialog } from '../components/Dialog';
import { FormField } from '../components/FormField';
import { toast } from '../components/toast-store';
import { useEmployees } from '../employees/use-employees';
import { OptionsEditor } from './OptionsEditor';

interface FieldDialogProps {
  entity: CustomFieldEntity;
  businessTypeId: string | null;
  field: CustomField | null;
  onClose(): void;
}

const FLAGS = ['required', 'uniqueValues', 'searchable', 'indexed', 'trackHistory'] as const;
const RELATION_FIELD: Record<ComputedSpec['relation'], ComputedSpec['field']> = {
  orders: 'totalFen',
  receipts: 'amountFen',
  expenses: 'amountFen',
  records: undefined,
};

/** Add or edit a custom field: label, type, options with colours, flags, default, help, computed total. */
export function FieldDialog({ entity, businessTypeId, field, onClose }: FieldDialogProps) {
  const { t } = useTranslation();
  const employees = useEmployees(false);
  const types = useBusinessTypes().data ?? [];
  const [label, setLabel] = useState(field?.label ?? '');
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [options, setOptions] = useState<SelectOption[]>(field?.options ?? []);
  const [flags, setFlags] = useState<Record<(typeof FLAGS)[number], boolean>>({
    required: field?.required ?? false,
    uniqueValues: field?.uniqueValues ?? false,
    searchable: field?.searchable ?? false,
    indexed: field?.indexed ?? false,
    trackHistory: field?.trackHistory ?? false,
  });
  const [help, setHelp] = useState(field?.help ?? '');
  const [computed, setComputed] = useState<ComputedSpec>(field?.computed ?? { relation: 'orders', fn: 'sum', field: 'totalFen' });
  const shape = { type, options, computed };
  const [defaultValue, setDefaultValue] = useState<DraftValue>(toDraft(shape, field?.defaultValue ?? null));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const hasOptions = type === 'select' || type === 'multiSelect';

  const save = async () => {
    setSaving(true);
    const common = {
      label,
      options: hasOptions ? options : [],
      ...flags,
      help: help || null,
      defaultValue: type === 'computedTotal' ? null : fromDraft(shape, defaultValue),
      computed: type === 'computedTotal' ? computed : null,
    };
    try {
      if (field) await api.fields.update({ id: field.id, patch: common });
      else await api.fields.create({ entity, businessTypeId, type, ...common });
      toast.success(t('cards.fields.saved', { label }));
      onClose();
    } catch (err) {
      setSaving(false);
      const fields = cardFieldErrors(err);
      if (fields && Object.keys(fields).length) setErrors(fields);
      else toast.error(errorText(t, err));
    }
  };

  return (
    <Dialog
      title={field ? t('cards.fields.editTitle', { label: field.label }) : t('cards.fields.addTitle')}
      testId="field-dialog"
      width={620}
      onClose={onClose}
      footer={
        <>
          <button type="button" data-testid="fd-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid="fd-save" disabled={saving} onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <FormField label={t('cards.fields.label')} error={errors.label} errorTestId="fd-error-label">
          <input value={label} data-testid="fd-label" autoFocus onChange={(e) => setLabel(e.target.value)} />
        </FormField>
        <FormField label={t('cards.fields.type')} error={errors.type} errorTestId="fd-error-type">
          <select value={type} data-testid="fd-type" disabled={field !== null} onChange={(e) => setType(e.target.value as CustomFieldType)}>
            {CUSTOM_FIELD_TYPES.filter((x) => x !== 'computedTotal' || entity === 'customer').map((x) => (
              <option key={x} value={x}>
                {t(`cards.types.${x}`)}
              </option>
            ))}
          </select>
        </FormField>
        {hasOptions ? (
          <FormField label={t('cards.fields.options')} error={errors.options} errorTestId="fd-error-options" wide>
            <OptionsEditor options={options} onChange={setOptions} />
          </FormField>
        ) : null}
        {type === 'computedTotal' ? (
          <FormField label={t('cards.fields.computed')} error={errors.computed} errorTestId="fd-error-computed" wide>
            <span className="inline-fields">
              <select
                value={computed.relation}
                data-testid="fd-computed-relation"
                onChange={(e) => {
                  const relation = e.target.value as ComputedSpec['relation'];
                  setComputed({ relation, fn: computed.fn, field: RELATION_FIELD[relation] });
                }}
              >
                {(['orders', 'receipts', 'expenses', 'records'] as const).map((r) => (
                  <option key={r} value={r}>
                    {t(`cards.fields.relation.${r}`)}
                  </option>
                ))}
              </select>
              <select
                value={computed.fn}
                data-testid="fd-computed-fn"
                onChange={(e) => setComputed({ ...computed, fn: e.target.value as ComputedSpec['fn'] })}
              >
                {(['sum', 'count', 'max'] as const).map((f) => (
                  <option key={f} value={f}>
                    {t(`cards.fn.${f}`)}
                  </option>
                ))}
              </select>
              {computed.relation === 'records' ? (
                <select
                  value={computed.businessTypeId ?? ''}
                  data-testid="fd-computed-type"
                  onChange={(e) => setComputed({ ...computed, businessTypeId: e.target.value || undefined })}
                >
                  <option value="">{t('cards.fields.chooseType')}</option>
                  {types.map((bt) => (
                    <option key={bt.id} value={bt.id}>
                      {bt.name}
                    </option>
                  ))}
                </select>
              ) : null}
            </span>
          </FormField>
        ) : (
          <FormField label={t('cards.fields.default')} error={errors.defaultValue} errorTestId="fd-error-defaultValue">
            <CustomFieldInput
              field={{
                id: '',
                entity,
                businessTypeId,
                columnName: '',
                label,
                type,
                options,
                required: false,
                uniqueValues: false,
                defaultValue: null,
                help: null,
                searchable: false,
                indexed: false,
                trackHistory: false,
                computed: null,
                sortOrder: 0,
                deleted: false,
              }}
              value={defaultValue}
              invalid={Boolean(errors.defaultValue)}
              testId="fd-default"
              employees={employees}
              onChange={setDefaultValue}
            />
          </FormField>
        )}
        <FormField label={t('cards.fields.help')} error={errors.help} errorTestId="fd-error-help" wide>
          <input value={help} data-testid="fd-help" onChange={(e) => setHelp(e.target.value)} />
        </FormField>
        <div className="form-field wide flags">
          {FLAGS.map((f) => (
            <label key={f} className="check" title={t(`cards.fields.flagHint.${f}`)}>
              <input type="checkbox" checked={flags[f]} data-testid={`fd-${f}`} onChange={(e) => setFlags({ ...flags, [f]: e.target.checked })} />
              {t(`cards.fields.flag.${f}`)}
            </label>
          ))}
        </div>
      </div>
    </Dialog>
  );
}
