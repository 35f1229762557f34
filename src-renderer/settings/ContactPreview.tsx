import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardLayout } from '../../src-shared/domain/card-layout';
import { withEveryCustomField, type ContactValues } from '../card/contact-layout';
import { ContactFormSections } from '../card/ContactFormSections';
import { useCustomDraft } from '../card/CustomFieldsForm';
import { CardTabsNav } from '../card/LayoutCard';

/** The live preview of the contact layout: the real contact form, drawn from the layout being edited. */
export function ContactPreview({ layout, active, onSelect }: { layout: CardLayout; active: string; onSelect(key: string): void }) {
  const { t } = useTranslation();
  const custom = useCustomDraft('contact', null);
  const [values, setValues] = useState<ContactValues>(() => ({
    departmentId: '',
    name: t('cards.layout.sampleContact'),
    title: '',
    mobile: '',
    phone: '',
    email: '',
    birthday: '',
    notes: '',
  }));
  const shown = withEveryCustomField(
    layout,
    custom.fields.map((f) => f.columnName),
  );
  const tab = shown.tabs.find((x) => x.key === active) ?? shown.tabs[0];
  return (
    <div className="card-preview" data-testid="layout-preview" data-entity="contact">
      <div className="preview-title">{t('cards.layout.preview')}</div>
      <div className="dialog preview-dialog">
        <div className="dialog-title">{t('org.newContact')}</div>
        <div className="dialog-body">
          {shown.tabs.length > 1 ? <CardTabsNav layout={shown} active={tab?.key ?? ''} onSelect={onSelect} testIdPrefix="contact-tab" /> : null}
          {tab ? (
            <ContactFormSections
              tab={tab}
              model={{
                values,
                set: (k, v) => setValues((x) => ({ ...x, [k]: v })),
                errors: {},
                departments: [],
                custom,
                onCustomEdited: () => undefined,
                autoFocus: false,
              }}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}
