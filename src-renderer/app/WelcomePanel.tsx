import { useTranslation } from 'react-i18next';
import { useCan } from '../people/session-store';
import { useCard } from '../card/card-store';
import { openImportWizard } from '../import/import-actions';
import { useWorkspaceDialogs } from '../workspace/workspace-store';

/**
 * What an empty workspace shows instead of an empty list: the three ways people start — try it
 * with demo data (in a workspace of its own), bring their Excel sheet, or type the first customer.
 */
export function WelcomePanel() {
  const { t } = useTranslation();
  const canCreate = useCan('customers', 'write');
  const openNew = useCard((s) => s.openNew);
  const openDemo = useWorkspaceDialogs((s) => s.setDemoOpen);
  return (
    <div className="welcome-panel" data-testid="welcome">
      <h2>{t('welcome.title')}</h2>
      <p className="muted">{t('welcome.subtitle')}</p>
      <div className="welcome-actions">
        <button type="button" data-testid="welcome-demo" onClick={() => openDemo(true, 'newWorkspace')}>
          <strong>{t('welcome.demo')}</strong>
          <span className="muted">{t('welcome.demoHint')}</span>
        </button>
        <button type="button" data-testid="welcome-import" onClick={openImportWizard}>
          <strong>{t('welcome.import')}</strong>
          <span className="muted">{t('welcome.importHint')}</span>
        </button>
        {canCreate ? (
          <button type="button" className="primary" data-testid="welcome-new-customer" onClick={() => void openNew()}>
            <strong>{t('welcome.newCustomer')}</strong>
            <span>{t('welcome.newCustomerHint')}</span>
          </button>
        ) : null}
      </div>
    </div>
  );
}
