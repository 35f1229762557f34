import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactPatch, Department } from '../../src-shared/domain/organisation';
import type { FieldErrors } from '../../src-shared/errors';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { FormField } from '../components/FormField';
import { cardFieldErrors } from './card-errors';
import { CustomFieldsForm, useCustomDraft } from './CustomFieldsForm';
import { departmentPath } from './org-tree';
import { SaveCancelFooter } from '../components/SaveCancelFooter';

const TEXT = ['name', 'title', 'mobile', 'phone', 'email', 'birthday', 'notes'] as const;
type TextKey = (typeof TEXT)[number];
type Values = Record<TextKey | 'departmentId', string>;

interface Props {
  customerId: string;
  contact: Contact | null;
  departments: Department[];
  defaultDepartmentId: string | null;
  onClose(): void;
  onSaved(contact: Contact): void;
}

/** Add or edit one contact; main's field messages appear under the fields. */
export function ContactDialog({ customerId, contact, departments, defaultDepartmentId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const initial: Values = {
    departmentId: contact ? (contact.departmentId ?? '') : (defaultDepartmentId ?? ''),
    name: contact?.name ?? '',
    title: contact?.title ?? '',
    mobile: contact?.mobile ?? '',
    phone: contact?.phone ?? '',
    email: contact?.email ?? '',
    birthday: contact?.birthday ?? '',
    notes: contact?.notes ?? '',
  };
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const custom = useCustomDraft('contact', contact ? (contact.custom ?? {}) : null);

  const clearError = (k: string) =>
    setErrors((errs) => {
      if (!errs[k]) return errs;
      const next = { ...errs };
      delete next[k];
      return next;
    });
  const set = (k: keyof Values, v: string) => {
    setValues({ ...values, [k]: v });
    clearError(k);
  };

  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const patch: ContactPatch = {};
      for (const k of TEXT) if (!contact || values[k] !== initial[k]) patch[k] = values[k];
      if (!contact || values.departmentId !== initial.departmentId) patch.departmentId = values.departmentId || null;
      const changedCustom = custom.changes();
      if (Object.keys(changedCustom).length > 0) patch.custom = changedCustom;
      const saved = contact
        ? Object.keys(patch).length > 0
          ? await api.contacts.update({ id: contact.id, patch })
          : contact
        : await api.contacts.create({ customerId, ...patch, name: values.name });
      onSaved(saved);
    } catch (err) {
      const fields = cardFieldErrors(err);
      if (fields && Object.keys(fields).length > 0) setErrors(fields);
      else setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const field = (k: TextKey, opts: { wide?: boolean; placeholder?: string } = {}) => (
    <FormField label={t(`contact.${k}`)} error={errors[k]} errorTestId={`contact-field-error-${k}`} wide={opts.wide}>
      {k === 'notes' ? (
        <textarea rows={3} value={values[k]} data-testid={`contact-field-${k}`} onChange={(e) => set(k, e.target.value)} />
      ) : (
        <input
          value={values[k]}
          placeholder={opts.placeholder}
          data-testid={`contact-field-${k}`}
          autoFocus={k === 'name'}
          aria-invalid={Boolean(errors[k])}
          onChange={(e) => set(k, e.target.value)}
        />
      )}
    </FormField>
  );

  return (
    <Dialog
      title={contact ? t('org.editContact') : t('org.newContact')}
      testId="contact-dialog"
      onClose={onClose}
      width={560}
      footer={<SaveCancelFooter prefix="contact" busy={busy} onCancel={onClose} onSave={() => void save()} />}
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {field('name')}
        {field('title')}
        <FormField label={t('contact.departmentId')} error={errors.departmentId} errorTestId="contact-field-error-departmentId">
          <select value={values.departmentId} data-testid="contact-field-departmentId" onChange={(e) => set('departmentId', e.target.value)}>
            <option value="">{t('org.unassigned')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {departmentPath(departments, d.id)}
              </option>
            ))}
          </select>
        </FormField>
        {field('birthday', { placeholder: t('org.birthdayPlaceholder') })}
        {field('mobile')}
        {field('phone')}
        {field('email', { wide: true })}
        {field('notes', { wide: true })}
        <button type="submit" hidden />
      </form>
      <CustomFieldsForm draft={custom} errors={errors} prefix="contact" onEdited={clearError} />
      {failure ? (
        <div className="banner banner-error" data-testid="contact-error">
          {failure}
        </div>
      ) : null}
    </Dialog>
  );
}
