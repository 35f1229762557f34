import { FieldLock } from '../people/FieldLock';
import { useFieldAccess } from '../people/session-store';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import type { FieldErrors } from '../../src-shared/errors';
import { useEmployees } from '../employees/use-employees';
import { CustomFieldInput } from './CustomFieldInput';
import { fromDraft, toDraft, type DraftValue } from './custom-values';
import { useCustomFields } from './use-meta';

/** The custom fields of a contact or an order, their typed drafts, and what changed. */
export interface CustomDraft {
  fields: readonly CustomField[];
  /** The value an input shows: the typed draft, else the stored value (or the default for a new record). */
  value(field: CustomField): DraftValue;
  stored(field: CustomField): unknown;
  set(field: CustomField, value: DraftValue): void;
  /** Only the fields whose value differs from the stored (or default) one, as main takes them. */
  changes(): Record<string, unknown>;
}

/**
 * Drafts of one record's custom fields. `stored` is the record's `custom` map, or null for a new
 * record (its inputs start at each field's default, which main applies when nothing is sent).
 */
export function useCustomDraft(entity: 'contact' | 'order', stored: Readonly<Record<string, unknown>> | null): CustomDraft {
  const fields = useCustomFields(entity).data ?? [];
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>({});
  const storedOf = useCallback((f: CustomField): unknown => (stored ? (stored[f.columnName] ?? null) : f.defaultValue), [stored]);
  return {
    fields,
    stored: storedOf,
    value: (f) => (Object.hasOwn(drafts, f.columnName) ? (drafts[f.columnName] ?? null) : toDraft(f, storedOf(f))),
    set: (f, value) => setDrafts((d) => ({ ...d, [f.columnName]: value })),
    changes: () => {
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        if (f.type === 'computedTotal' || !Object.hasOwn(drafts, f.columnName)) continue;
        const next = fromDraft(f, drafts[f.columnName] ?? null);
        const before = fromDraft(f, toDraft(f, storedOf(f)));
        if (JSON.stringify(next) !== JSON.stringify(before)) out[f.columnName] = next;
      }
      return out;
    },
  };
}

interface CustomFieldsFormProps {
  draft: CustomDraft;
  errors: FieldErrors;
  /** `contact` or `order`: test ids are `<prefix>-custom-<column>` and `<prefix>-custom-error-<column>`. */
  prefix: string;
  /** Called after a value changes, e.g. to clear the field's error. */
  onEdited?(key: string): void;
}

interface CustomFieldCellProps {
  field: CustomField;
  draft: CustomDraft;
  errors: FieldErrors;
  /** `contact` or `order`: test ids are `<prefix>-custom-<column>` and `<prefix>-custom-error-<column>`. */
  prefix: string;
  employees: ReturnType<typeof useEmployees>;
  /** Span the whole row (long text and multi-select do when the grid has room). */
  wide: boolean;
  onEdited?: ((key: string) => void) | undefined;
}

/** One custom field of a dialog: its editor by type, required marked, help, main's error under it. */
export function CustomFieldCell({ field: f, draft, errors, prefix, employees, wide, onEdited }: CustomFieldCellProps) {
  const { t } = useTranslation();
  const key = `custom.${f.columnName}`;
  const error = errors[key];
  const access = useFieldAccess()(`custom.${f.id}`);
  if (access === 'hidden') return null;
  return (
    <div
      className={`form-field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`}
      data-testid={`${prefix}-custom-field`}
      data-column={f.columnName}
      data-field={f.columnName}
      data-label={f.label}
      data-required={f.required ? 'true' : 'false'}
    >
      <span className="form-label">
        {f.label}
        {f.required ? (
          <span className="required-mark" data-testid={`${prefix}-custom-required`} title={t('extras.custom.requiredHint')}>
            {' '}
            *
          </span>
        ) : null}
      </span>
      <FieldLock access={access}>
        <CustomFieldInput
          field={f}
          value={draft.value(f)}
          stored={draft.stored(f)}
          invalid={Boolean(error)}
          testId={`${prefix}-custom-${f.columnName}`}
          employees={employees}
          onChange={(v) => {
            draft.set(f, v);
            onEdited?.(key);
          }}
        />
      </FieldLock>
      {f.help ? <span className="field-help">{f.help}</span> : null}
      {error ? (
        <span className="field-error" data-testid={`${prefix}-custom-error-${f.columnName}`} data-code={error}>
          {t(`fieldError.${error}`, { defaultValue: t(`cards.fieldError.${error}`, { defaultValue: t('fieldError.invalid') }) })}
        </span>
      ) : null}
    </div>
  );
}

export const isWideCustomField = (f: CustomField) => f.type === 'longText' || f.type === 'multiSelect';

/** 自定义字段 of a dialog (the order's): every custom field of the entity in one section. */
export function CustomFieldsForm({ draft, errors, prefix, onEdited }: CustomFieldsFormProps) {
  const { t } = useTranslation();
  const employees = useEmployees(true);
  if (draft.fields.length === 0) return null;
  return (
    <fieldset className="form-section" data-testid={`${prefix}-custom-fields`}>
      <legend>{t('extras.custom.section')}</legend>
      <div className="form-grid">
        {draft.fields.map((f) => (
          <CustomFieldCell
            key={f.columnName}
            field={f}
            draft={draft}
            errors={errors}
            prefix={prefix}
            employees={employees}
            wide={isWideCustomField(f)}
            onEdited={onEdited}
          />
        ))}
      </div>
    </fieldset>
  );
}
