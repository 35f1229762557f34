import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardLayout, LayoutTab } from '../../src-shared/domain/card-layout';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import { customerRowForPreview } from './preview-customer';
import { draftFrom, type CustomEdit, type Draft } from '../card/customer-draft';
import { CardTabsNav } from '../card/LayoutCard';
import { LayoutSections } from '../card/LayoutSections';
import { useBusinessTypes, useCustomFields } from '../card/use-meta';
import { useEmployees } from '../employees/use-employees';
import { relatedColumnChoices } from '../sales/related-columns';

function RelatedPreview({ tab }: { tab: LayoutTab }) {
  const { t } = useTranslation();
  const types = useBusinessTypes().data ?? [];
  const type = types.find((x) => x.id === tab.related?.businessTypeId);
  const fields = useCustomFields('record', type?.id ?? '__none__').data ?? [];
  const r = tab.related;
  if (!r) return null;
  const choices = relatedColumnChoices(t, r.kind, type, fields);
  const byKey = new Map(choices.map((c) => [c.key, c]));
  const cols = r.columns.length ? r.columns.map((k) => byKey.get(k)).filter((c) => c !== undefined) : choices;
  if (choices.length === 0) return <div className="muted pad">{t(`cards.related.${r.kind}`)}</div>;
  return (
    <table className="data-table related-table" data-testid="preview-related">
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c.key} data-testid="preview-related-header" data-key={c.key}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <td colSpan={cols.length} className="muted">
            {t('cards.layout.previewRows')}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** The live preview: the real card's tab strip and sections, drawn from the layout being edited. */
export function CardPreview({
  layout,
  fields,
  active,
  onSelect,
}: {
  layout: CardLayout;
  fields: readonly CustomField[];
  active: string;
  onSelect(key: string): void;
}) {
  const { t } = useTranslation();
  const employees = useEmployees(true);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(customerRowForPreview()));
  const tab = layout.tabs.find((x) => x.key === active) ?? layout.tabs[0];
  return (
    <div className="card-preview" data-testid="layout-preview">
      <div className="preview-title">{t('cards.layout.preview')}</div>
      <div className="card-header">
        <h2 className="card-title">{t('cards.layout.sampleCustomer')}</h2>
        <CardTabsNav layout={layout} active={tab?.key ?? ''} onSelect={onSelect} />
      </div>
      <div className="card-body">
        {tab && (tab.sections.length > 0 || !tab.related) ? (
          <div className="basic-tab">
            <LayoutSections
              tab={tab}
              fields={fields}
              model={{
                draft,
                errors: {},
                customer: null,
                employees,
                setField: (k, v) => setDraft((d) => ({ ...d, [k]: v })),
                setCustom: (column: string, edit: CustomEdit) => setDraft((d) => ({ ...d, custom: { ...d.custom, [column]: edit } })),
              }}
            />
          </div>
        ) : null}
        {tab?.related ? <RelatedPreview tab={tab} /> : null}
      </div>
    </div>
  );
}
