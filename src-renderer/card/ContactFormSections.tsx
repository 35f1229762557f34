import type { FieldAccess } from '../../src-shared/domain/permissions';
import { FieldLock } from '../people/FieldLock';
import { useFieldAccess } from '../people/session-store';
import { useTranslation } from 'react-i18next';
import type { LayoutTab } from '../../src-shared/domain/card-layout';
import type { Department } from '../../src-shared/domain/organisation';
import type { FieldErrors } from '../../src-shared/errors';
import { FormField } from '../components/FormField';
import { useEmployees } from '../employees/use-employees';
import { layoutLabel } from '../i18n/layout-defaults';
import { CONTACT_TEXT_FIELDS, type ContactTextField, type ContactValues } from './contact-layout';
import { CustomFieldCell, isWideCustomField, type CustomDraft } from './CustomFieldsForm';
import { DateInput } from '../components/DateInput';
import { departmentPath } from './org-tree';

/** What the contact form's sections need: the dialog passes its state, the layout preview a sample. */
export interface ContactFormModel {
  values: ContactValues;
  set(field: keyof ContactValues, value: string): void;
  errors: FieldErrors;
  departments: readonly Department[];
  custom: CustomDraft;
  onCustomEdited(key: string): void;
  /** The dialog focuses 姓名; the preview must not take the focus from the editor. */
  autoFocus: boolean;
}

const isText = (k: string): k is ContactTextField => (CONTACT_TEXT_FIELDS as readonly string[]).includes(k);

/** The sections of one tab of the contact form, drawn from the contact layout (built-in and custom fields). */
export function ContactFormSections({ tab, model }: { tab: LayoutTab; model: ContactFormModel }) {
  const { t } = useTranslation();
  const employees = useEmployees(true);
  const byColumn = new Map(model.custom.fields.map((f) => [f.columnName, f]));
  const accessOf = useFieldAccess();

  const builtIn = (k: string, columns: number, access: FieldAccess) => {
    const label = t(`contact.${k}`, { defaultValue: k });
    const wide = columns > 1 && (k === 'notes' || k === 'email');
    if (k === 'departmentId') {
      return (
        <FormField label={label} error={model.errors.departmentId} errorTestId="contact-field-error-departmentId">
          <FieldLock access={access}>
            <select
              value={model.values.departmentId}
              data-testid="contact-field-departmentId"
              onChange={(e) => model.set('departmentId', e.target.value)}
            >
              <option value="">{t('org.unassigned')}</option>
              {model.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {departmentPath([...model.departments], d.id)}
                </option>
              ))}
            </select>
          </FieldLock>
        </FormField>
      );
    }
    if (!isText(k)) return null;
    return (
      <FormField label={label} error={model.errors[k]} errorTestId={`contact-field-error-${k}`} wide={wide}>
        <FieldLock access={access}>
          {k === 'birthday' ? (
            <DateInput
              value={model.values[k]}
              testId={`contact-field-${k}`}
              placeholder={t('org.birthdayPlaceholder')}
              aria-invalid={Boolean(model.errors[k])}
              onChange={(v) => model.set(k, v)}
            />
          ) : k === 'notes' ? (
            <textarea rows={3} value={model.values[k]} data-testid={`contact-field-${k}`} onChange={(e) => model.set(k, e.target.value)} />
          ) : (
            <input
              value={model.values[k]}
              data-testid={`contact-field-${k}`}
              autoFocus={model.autoFocus && k === 'name'}
              aria-invalid={Boolean(model.errors[k])}
              onChange={(e) => model.set(k, e.target.value)}
            />
          )}
        </FieldLock>
      </FormField>
    );
  };

  return (
    <>
      {tab.sections.map((section) => (
        <fieldset key={section.key} className="form-section" data-testid="contact-section" data-key={section.key} data-label={section.label}>
          <legend>{layoutLabel(t, 'section', section.key, section.label)}</legend>
          <div className="form-grid" style={{ gridTemplateColumns: `repeat(${section.columns}, minmax(0, 1fr))` }}>
            {section.fields.map((k) => {
              const custom = byColumn.get(k);
              if (custom) {
                return (
                  <CustomFieldCell
                    key={k}
                    field={custom}
                    draft={model.custom}
                    errors={model.errors}
                    prefix="contact"
                    employees={employees}
                    wide={section.columns > 1 && isWideCustomField(custom)}
                    onEdited={model.onCustomEdited}
                  />
                );
              }
              const access = accessOf(`contact.${k}`);
              const cell = access === 'hidden' ? null : builtIn(k, section.columns, access);
              return cell ? (
                <div key={k} className="contents" data-testid="contact-cell" data-field={k} data-label={t(`contact.${k}`, { defaultValue: k })}>
                  {cell}
                </div>
              ) : null;
            })}
          </div>
        </fieldset>
      ))}
    </>
  );
}
