import { useTranslation } from 'react-i18next';
import type { LayoutTab } from '../../src-shared/domain/card-layout';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import { useEmployees } from '../employees/use-employees';
import { formatDateTime } from '../i18n/labels';
import { useCard } from './card-store';
import { LayoutSections } from './LayoutSections';

/**
 * A tab of fields (基本信息 and any other tab with sections), drawn from the card layout; messages
 * from main appear under the field they concern.
 */
export function BasicTab({
  tab,
  fields,
  first,
  onHistory,
}: {
  tab: LayoutTab;
  fields: readonly CustomField[];
  first: boolean;
  onHistory(field: CustomField): void;
}) {
  const { t } = useTranslation();
  const draft = useCard((s) => s.draft);
  const errors = useCard((s) => s.errors);
  const setField = useCard((s) => s.setField);
  const setCustom = useCard((s) => s.setCustom);
  const customer = useCard((s) => s.card?.customer ?? null);
  const employees = useEmployees(true);

  return (
    <div className="basic-tab" data-testid={first ? 'basic-tab' : 'fields-tab'} data-key={tab.key}>
      <LayoutSections tab={tab} fields={fields} model={{ draft, errors, customer, employees, setField, setCustom, onHistory }} />
      {first && customer ? (
        <div className="form-grid record-times">
          <div className="form-field readonly">
            <span className="form-label">{t('customer.createdAt')}</span>
            <span data-testid="field-createdAt">{formatDateTime(customer.createdAt)}</span>
          </div>
          <div className="form-field readonly">
            <span className="form-label">{t('customer.updatedAt')}</span>
            <span data-testid="field-updatedAt">{formatDateTime(customer.updatedAt)}</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
