import { useTranslation } from 'react-i18next';
import { saveErrorReport, startCheck } from './import-actions';
import { useImport } from './import-store';
import type { ImportMode } from './import-types';
import { DuplicatesTable, UnknownOptions } from './CheckDecisions';
import { PreviewTable, ProblemsTable } from './CheckTables';
import { CheckMoney } from './CheckMoney';
import { CheckRegions } from './CheckRegions';
import { ImportProgress } from './ImportProgress';

const MODES: readonly ImportMode[] = ['allOrNothing', 'validRows'];
const DUPLICATE_TITLES: Partial<Record<string, string>> = {
  receipts: 'imp.dup.titleReceipts',
  records: 'imp.dup.titleRecords',
  contacts: 'imp.dup.titleContacts',
};

/** Step 4: the dry run's report — counts, preview, problems, decisions — and how to import. */
export function StepCheck() {
  const { t } = useTranslation();
  const job = useImport((s) => s.job);
  const report = useImport((s) => s.report);
  const mode = useImport((s) => s.mode);
  const set = useImport((s) => s.set);
  const customFields = useImport((s) => s.inspection?.customFields ?? []);
  const recordKey = useImport((s) => s.recordKey);

  if (job) return <ImportProgress job={job} totalRows={null} />;
  if (!report)
    return (
      <div className="import-step" data-testid="import-step-check">
        <button type="button" data-testid="import-recheck" onClick={() => void startCheck()}>
          {t('imp.check.recheck')}
        </button>
      </div>
    );

  return (
    <div className="import-step" data-testid="import-step-check">
      <div
        className="import-counts"
        data-testid="import-counts"
        data-total={report.total}
        data-valid={report.valid}
        data-invalid={report.invalid}
        data-duplicates={report.duplicates.length}
      >
        <span>{t('imp.check.total', { n: report.total })}</span>
        <span className="import-ok">{t('imp.check.valid', { n: report.valid })}</span>
        <span className={report.invalid ? 'import-bad' : ''}>{t('imp.check.invalid', { n: report.invalid })}</span>
        <span>{t('imp.check.duplicates', { n: report.duplicates.length })}</span>
        <span className="import-counts-gap" />
        <button type="button" data-testid="import-recheck" onClick={() => void startCheck()}>
          {t('imp.check.recheck')}
        </button>
        <button type="button" data-testid="import-save-report" disabled={report.problems.length === 0} onClick={() => void saveErrorReport()}>
          {t('imp.check.saveReport')}
        </button>
      </div>

      {report.skippedTotals.length > 0 ? (
        <p className="muted" data-testid="import-skipped-totals" data-rows={report.skippedTotals.join(',')}>
          {t('imp.sentence.totalSkipped')}（{t('imp.sentence.row', { row: report.skippedTotals.join('、') })}）
        </p>
      ) : null}
      <CheckMoney report={report} />
      <h4>{t('imp.check.previewTitle')}</h4>
      <PreviewTable report={report} customFields={customFields} />
      <h4>{t('imp.check.problemsTitle')}</h4>
      <ProblemsTable report={report} customFields={customFields} />
      {Object.keys(report.unknownOptions).length > 0 ? <h4>{t('imp.options.title')}</h4> : null}
      <UnknownOptions report={report} customFields={customFields} />
      <CheckRegions report={report} />
      {report.target === 'customers' || report.target === 'contacts' || report.target === 'receipts' || (report.target === 'records' && recordKey) ? (
        <>
          <h4>{t(DUPLICATE_TITLES[report.target] ?? 'imp.dup.title')}</h4>
          <DuplicatesTable report={report} />
        </>
      ) : null}

      <h4>{t('imp.mode.title')}</h4>
      <div className="import-modes">
        {MODES.map((m) => (
          <label key={m} className="check">
            <input type="radio" name="import-mode" data-testid={`import-mode-${m}`} checked={mode === m} onChange={() => set({ mode: m })} />
            {t(`imp.mode.${m}`)}
          </label>
        ))}
      </div>
      {mode === 'allOrNothing' && report.invalid > 0 ? (
        <div className="banner banner-warning" data-testid="import-mode-warning">
          {t('imp.mode.warning', { n: report.invalid })}
        </div>
      ) : null}
    </div>
  );
}
