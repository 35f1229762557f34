import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutLabel } from '../i18n/layout-defaults';
import type { LayoutTab } from '../../src-shared/domain/card-layout';
import type { Customer } from '../../src-shared/domain/customer';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import type { Employee } from '../../src-shared/domain/organisation';
import type { FieldErrors } from '../../src-shared/errors';
import { BuiltInField, WIDE_FIELDS } from './BuiltInField';
import { useStoreSites } from '../sync/store-sites';
import { FieldLock } from '../people/FieldLock';
import { useCan, useFieldAccess } from '../people/session-store';
import { CustomFieldInput } from './CustomFieldInput';
import { toDraft, fromDraft } from './custom-values';
import type { CustomEdit, Draft } from './customer-draft';

/** Everything the sections need: the real card passes its store, the layout preview a local draft. */
export interface SectionsModel {
  draft: Draft;
  errors: FieldErrors;
  customer: Customer | null;
  employees: readonly Employee[] | null;
  setField<K extends keyof Draft>(field: K, value: Draft[K]): void;
  setCustom(column: string, edit: CustomEdit): void;
  /** Opens the 变动过程 timeline of a tracked field (saved customers only). */
  onHistory?: ((field: CustomField) => void) | undefined;
}

function Cell(props: {
  name: string;
  label: string;
  error: string | undefined;
  wide: boolean;
  help?: string | null;
  children: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { name, label, error, wide, help, children, extra } = props;
  return (
    <div className={`form-field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`} data-testid="card-field" data-field={name} data-label={label}>
      <span className="form-label">
        {label}
        {extra}
      </span>
      {children}
      {help ? <span className="field-help">{help}</span> : null}
      {error ? (
        <span className="field-error" data-testid={`field-error-${name}`} data-code={error}>
          {t(`fieldError.${error}`, { defaultValue: t('fieldError.invalid') })}
        </span>
      ) : null}
    </div>
  );
}

/** The sections of one card tab, drawn from the layout: built-in and custom fields, 1–3 columns. */
export function LayoutSections({ tab, fields, model }: { tab: LayoutTab; fields: readonly CustomField[]; model: SectionsModel }) {
  const { t } = useTranslation();
  const byColumn = new Map(fields.map((f) => [f.columnName, f]));
  // 门店 means nothing to a workspace on its own: the field shows only in a sync network.
  const inNetwork = useStoreSites().length > 0;
  const accessOf = useFieldAccess();
  const canWrite = useCan('customers', 'write');
  const renderField = (key: string, columns: number) => {
    const custom = byColumn.get(key);
    if (key === 'storeCode' && !inNetwork) return null;
    const access = accessOf(custom ? `custom.${custom.id}` : `customer.${key}`);
    if (access === 'hidden') return null;
    if (!custom) {
      return (
        <Cell
          key={key}
          name={key}
          label={t(`customer.${key}`, { defaultValue: key })}
          error={model.errors[key]}
          wide={WIDE_FIELDS.has(key) && columns > 1}
        >
          <FieldLock access={access}>
            <BuiltInField
              name={key}
              draft={model.draft}
              errors={model.errors}
              customer={model.customer}
              employees={model.employees}
              setField={model.setField}
            />
          </FieldLock>
        </Cell>
      );
    }
    const stored = model.customer?.custom[key] ?? (model.customer ? null : custom.defaultValue);
    const base = toDraft(custom, stored);
    const value = model.draft.custom[key]?.value ?? base;
    const error = model.errors[`custom.${key}`];
    const history =
      custom.trackHistory && model.onHistory && model.customer ? (
        <button type="button" className="link-button" data-testid="field-history-open" data-field={key} onClick={() => model.onHistory?.(custom)}>
          {t('cards.history.open')}
        </button>
      ) : null;
    return (
      <Cell
        key={key}
        name={key}
        label={custom.required ? `${custom.label} *` : custom.label}
        error={error}
        wide={custom.type === 'longText' && columns > 1}
        help={custom.help}
        extra={history}
      >
        <FieldLock access={access}>
          <CustomFieldInput
            field={custom}
            value={value}
            stored={stored}
            invalid={Boolean(error)}
            testId={`field-${key}`}
            employees={model.employees}
            onChange={(v) => model.setCustom(key, { value: v, send: fromDraft(custom, v), base: model.draft.custom[key]?.base ?? base })}
          />
        </FieldLock>
      </Cell>
    );
  };
  const sections = (
    <>
      {tab.sections.map((section) => (
        <fieldset key={section.key} className="form-section" data-testid="card-section" data-key={section.key} data-label={section.label}>
          <legend>{layoutLabel(t, 'section', section.key, section.label)}</legend>
          <div className="form-grid" style={{ gridTemplateColumns: `repeat(${section.columns}, minmax(0, 1fr))` }}>
            {section.fields.map((f) => renderField(f, section.columns))}
          </div>
        </fieldset>
      ))}
    </>
  );
  // A view-only role: every input disabled at once (the card says why in its header).
  return canWrite ? (
    sections
  ) : (
    <fieldset disabled className="dialog-read-only" data-testid="card-read-only">
      {sections}
    </fieldset>
  );
}
