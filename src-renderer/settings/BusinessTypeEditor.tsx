import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessType } from '../../src-shared/domain/business';
import type { FieldErrors } from '../../src-shared/errors';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { cardFieldErrors } from '../card/card-errors';
import { useCustomFields } from '../card/use-meta';
import { Dialog } from '../components/Dialog';
import { FormField } from '../components/FormField';
import { toast } from '../components/toast-store';
import { recordColumns } from '../sales/related-columns';
import { ColumnsPicker } from './ColumnsPicker';
import { createTypeWithTab } from '../business/type-layout';
import { useSettings } from './settings-store';
import { WorkflowEditor, type Workflow } from './WorkflowEditor';

export const BUSINESS_ICONS = ['target', 'alert', 'phone', 'star', 'briefcase', 'flag'] as const;

/** Edit a business type (or define a new one): name, icon, links, workflow, list columns. */
export function BusinessTypeEditor({ type, onClose }: { type: BusinessType | null; onClose(): void }) {
  const { t } = useTranslation();
  const openSettings = useSettings((s) => s.open);
  const fields = useCustomFields('record', type?.id ?? '__none__').data ?? [];
  const [name, setName] = useState(type?.name ?? '');
  const [icon, setIcon] = useState(type?.icon ?? 'briefcase');
  const [linkContact, setLinkContact] = useState(type?.linkContact ?? true);
  const [linkStaff, setLinkStaff] = useState(type?.linkStaff ?? true);
  const [workflow, setWorkflow] = useState<Workflow>({
    statuses: type?.statuses ?? [
      { key: 'open', label: '进行中', color: 'blue', final: false },
      { key: 'done', label: '已完成', color: 'green', final: true },
    ],
    transitions: type?.transitions ?? {},
  });
  const [listColumns, setListColumns] = useState<string[]>(
    type?.listColumns.length ? type.listColumns : ['title', 'status', 'customerName', 'employeeName', 'expenseTotalFen'],
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const draftType: BusinessType = {
    id: type?.id ?? '',
    name,
    icon,
    template: null,
    linkContact,
    linkStaff,
    statuses: workflow.statuses,
    transitions: workflow.transitions,
    listColumns,
    sortOrder: 0,
  };

  const save = async () => {
    const values = { name, icon, linkContact, linkStaff, statuses: workflow.statuses, transitions: workflow.transitions, listColumns };
    try {
      if (type) await api.businessTypes.update({ id: type.id, patch: values });
      else await createTypeWithTab(() => api.businessTypes.create(values));
      toast.success(t('cards.bt.saved', { name }));
      onClose();
    } catch (err) {
      const f = cardFieldErrors(err);
      if (f && Object.keys(f).length) setErrors(f);
      else toast.error(errorText(t, err));
    }
  };

  return (
    <Dialog
      title={type ? t('cards.bt.editTitle', { name: type.name }) : t('cards.bt.newTitle')}
      testId="bt-editor"
      width={820}
      onClose={onClose}
      footer={
        <>
          {type ? (
            <button
              type="button"
              data-testid="bt-fields"
              onClick={() => {
                onClose();
                openSettings('fields', `record:${type.id}`);
              }}
            >
              {t('cards.bt.fields')}
            </button>
          ) : null}
          <span className="toolbar-spacer" />
          <button type="button" data-testid="bt-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid="bt-save" onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <FormField label={t('cards.bt.name')} error={errors.name} errorTestId="bt-error-name">
          <input value={name} data-testid="bt-name" onChange={(e) => setName(e.target.value)} />
        </FormField>
        <FormField label={t('cards.bt.icon')} error={errors.icon} errorTestId="bt-error-icon">
          <select value={icon} data-testid="bt-icon" onChange={(e) => setIcon(e.target.value)}>
            {BUSINESS_ICONS.map((i) => (
              <option key={i} value={i}>
                {t(`cards.icons.${i}`)}
              </option>
            ))}
          </select>
        </FormField>
        <div className="form-field wide flags">
          <label className="check">
            <input type="checkbox" checked={linkContact} data-testid="bt-link-contact" onChange={(e) => setLinkContact(e.target.checked)} />
            {t('cards.bt.linkContact')}
          </label>
          <label className="check">
            <input type="checkbox" checked={linkStaff} data-testid="bt-link-staff" onChange={(e) => setLinkStaff(e.target.checked)} />
            {t('cards.bt.linkStaff')}
          </label>
        </div>
      </div>
      <fieldset className="form-section">
        <legend>{t('cards.bt.workflow')}</legend>
        {errors.statuses || errors.transitions ? <div className="field-error">{t('fieldError.invalid')}</div> : null}
        <WorkflowEditor value={workflow} onChange={setWorkflow} />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('cards.bt.listColumns')}</legend>
        <ColumnsPicker
          choices={recordColumns(t, draftType, fields).map((c) => ({ key: c.key, label: c.label }))}
          value={listColumns}
          onChange={setListColumns}
          testId="bt-columns"
        />
      </fieldset>
    </Dialog>
  );
}
