import { fieldAccessNow } from '../people/session-store';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactPatch, Department } from '../../src-shared/domain/organisation';
import type { FieldErrors } from '../../src-shared/errors';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { cardFieldErrors } from './card-errors';
import { CONTACT_TEXT_FIELDS, defaultContactLayout, tabOfErrors, withEveryCustomField, type ContactValues } from './contact-layout';
import { ContactFormSections } from './ContactFormSections';
import { useCustomDraft } from './CustomFieldsForm';
import { CardTabsNav } from './LayoutCard';
import { useLayout } from './use-meta';
import { SaveCancelFooter } from '../components/SaveCancelFooter';
import { FavouriteStar } from '../favourites/FavouriteStar';

interface Props {
  customerId: string;
  contact: Contact | null;
  departments: Department[];
  defaultDepartmentId: string | null;
  onClose(): void;
  onSaved(contact: Contact): void;
}

/** Add or edit one contact, drawn from the contact layout (tabs, sections, field order); main's field messages appear under the fields. */
export function ContactDialog({ customerId, contact, departments, defaultDepartmentId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const initial: ContactValues = {
    departmentId: contact ? (contact.departmentId ?? '') : (defaultDepartmentId ?? ''),
    name: contact?.name ?? '',
    title: contact?.title ?? '',
    mobile: contact?.mobile ?? '',
    phone: contact?.phone ?? '',
    email: contact?.email ?? '',
    birthday: contact?.birthday ?? '',
    notes: contact?.notes ?? '',
  };
  const [values, setValues] = useState<ContactValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [activeTab, setActiveTab] = useState<string | null>(null);
  const custom = useCustomDraft('contact', contact ? (contact.custom ?? {}) : null);
  const customColumns = custom.fields.map((f) => f.columnName);
  const loaded = useLayout('contact').data?.layout;
  const layout = withEveryCustomField(loaded ?? defaultContactLayout(customColumns), customColumns);
  const tab = layout.tabs.find((x) => x.key === activeTab) ?? layout.tabs[0];

  const clearError = (k: string) =>
    setErrors((errs) => {
      if (!errs[k]) return errs;
      const next = { ...errs };
      delete next[k];
      return next;
    });
  const set = (k: keyof ContactValues, v: string) => {
    setValues({ ...values, [k]: v });
    clearError(k);
  };

  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const patch: ContactPatch = {};
      // A field the role may not change is never sent (main refuses any value of it, even empty).
      const editable = (k: string) => fieldAccessNow(`contact.${k}`) === 'editable';
      for (const k of CONTACT_TEXT_FIELDS) if ((!contact || values[k] !== initial[k]) && editable(k)) patch[k] = values[k];
      if ((!contact || values.departmentId !== initial.departmentId) && editable('departmentId')) patch.departmentId = values.departmentId || null;
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
      if (fields && Object.keys(fields).length > 0) {
        setErrors(fields);
        // Show the tab that holds a field in error, unless the current one does.
        const here = tab ? tabOfErrors({ tabs: [tab] }, Object.keys(fields)) : null;
        const there = tabOfErrors(layout, Object.keys(fields));
        if (!here && there) setActiveTab(there);
        // A field the layout does not show cannot carry its message: say it in the banner.
        if (Object.keys(fields).some((k) => !tabOfErrors(layout, [k]))) setFailure(errorText(t, err));
      } else setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={contact ? t('org.editContact') : t('org.newContact')}
      testId="contact-dialog"
      onClose={onClose}
      width={560}
      footer={<SaveCancelFooter prefix="contact" busy={busy} onCancel={onClose} onSave={() => void save()} />}
    >
      {contact ? (
        <div className="contact-dialog-actions">
          <FavouriteStar id={contact.id} entity="contact" />
        </div>
      ) : null}
      {layout.tabs.length > 1 ? <CardTabsNav layout={layout} active={tab?.key ?? ''} onSelect={setActiveTab} testIdPrefix="contact-tab" /> : null}
      <form
        className="contact-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {tab ? (
          <ContactFormSections tab={tab} model={{ values, set, errors, departments, custom, onCustomEdited: clearError, autoFocus: true }} />
        ) : null}
        <button type="submit" hidden />
      </form>
      {failure ? (
        <div className="banner banner-error" data-testid="contact-error">
          {failure}
        </div>
      ) : null}
    </Dialog>
  );
}
