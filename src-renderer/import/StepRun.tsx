import { useTranslation } from 'react-i18next';
import { useApp } from '../app/app-store';
import { useListSettings } from '../customers/list-store';
import { closeImportWizard } from './import-actions';
import { useImport } from './import-store';
import { ImportProgress } from './ImportProgress';
import { SearchIndexNote } from './SearchIndexNote';

/** The customers list, newest changes first: where the imported customers are. */
export function showImportedCustomers(): void {
  closeImportWizard();
  useApp.getState().setScreen('customers');
  useListSettings.getState().setView('list');
  useListSettings.setState({ sort: { field: 'updatedAt', dir: 'desc' } });
}

/** Step 5: the import running (rate, time left, cancel), then what it did. */
export function StepRun() {
  const { t } = useTranslation();
  const job = useImport((s) => s.job);
  const report = useImport((s) => s.report);
  const result = useImport((s) => s.result);
  const cancelled = useImport((s) => s.cancelled);
  const target = useImport((s) => s.target);

  return (
    <div className="import-step" data-testid="import-step-run">
      {job ? <ImportProgress job={job} totalRows={report?.total ?? null} /> : null}
      {cancelled ? (
        <div className="banner banner-info" data-testid="import-cancelled">
          {t('imp.run.cancelled')}
        </div>
      ) : null}
      {result?.written ? (
        <div
          className="import-result"
          data-testid="import-result"
          data-inserted={result.written.inserted}
          data-updated={result.written.updated}
          data-skipped={result.written.skipped}
        >
          <div className="import-result-title">{t('imp.run.done', { name: result.fileName })}</div>
          <ul>
            <li>{t('imp.run.inserted', { n: result.written.inserted })}</li>
            <li>{t('imp.run.updated', { n: result.written.updated })}</li>
            <li>{t('imp.run.skipped', { n: result.written.skipped })}</li>
            {result.invalid > 0 ? <li>{t('imp.run.invalid', { n: result.invalid })}</li> : null}
          </ul>
          {target === 'customers' ? <SearchIndexNote /> : null}
          {target === 'customers' ? (
            <button type="button" className="primary" data-testid="import-show-imported" onClick={showImportedCustomers}>
              {t('imp.run.show')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
