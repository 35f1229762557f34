import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnalysis, REPORT_KINDS, type ReportKind } from './analysis-store';
import { BusinessReport } from './BusinessReport';
import { ClassificationScreen } from './ClassificationScreen';
import { ClvReport } from './ClvReport';
import { DistributionReport } from './DistributionReport';
import { DormantReport } from './DormantReport';
import { DrillPanel } from './DrillPanel';
import { ManagersReport } from './ManagersReport';
import { ParetoReport } from './ParetoReport';
import { PyramidReport } from './PyramidReport';
import { RelationshipReport } from './RelationshipReport';
import { RfmReport } from './RfmReport';
import { TimeSeriesReport } from './TimeSeriesReport';
import { TransitionsReport } from './TransitionsReport';
import { useSalesDates } from './use-sales-dates';
import { useSession } from '../people/session-store';
import '../customers/customers.css';
import '../queries/queries.css';
import './analysis.css';

const REPORTS: Record<ReportKind, ComponentType> = {
  pareto: ParetoReport,
  pyramid: PyramidReport,
  distribution: DistributionReport,
  transitions: TransitionsReport,
  dormant: DormantReport,
  timeSeries: TimeSeriesReport,
  rfm: RfmReport,
  clv: ClvReport,
  managers: ManagersReport,
  relationship: RelationshipReport,
  business: BusinessReport,
};

/** 分析: 客户分类 (schemes, lifecycle rules) and 报表 (the reports, each drilling down to its customers). */
export function AnalysisScreen() {
  const { t } = useTranslation();
  const view = useAnalysis((s) => s.view);
  const report = useAnalysis((s) => s.report);
  const drill = useAnalysis((s) => s.drill);
  const setView = useAnalysis((s) => s.setView);
  const setReport = useAnalysis((s) => s.setReport);
  const Report = REPORTS[report];
  // Under record scope 'own' main computes every figure over the user's own customers: say so.
  const ownOnly = useSession((st) => st.access?.rules.scope === 'own');
  // The dates default to the last sale when it is past, so it must be known before a report or
  // preview runs (each runs once on open).
  const datesKnown = useSalesDates();
  if (!datesKnown) return <div className="analysis-screen" data-testid="analysis-screen" data-loading="true" />;
  return (
    <div className="analysis-screen" data-testid="analysis-screen">
      <div className="toolbar analysis-tabs no-print">
        <div className="segmented">
          <button
            type="button"
            className={view === 'classification' ? 'on' : ''}
            data-testid="analysis-tab-classification"
            onClick={() => setView('classification')}
          >
            {t('analysis.tabClassification')}
          </button>
          <button type="button" className={view === 'reports' ? 'on' : ''} data-testid="analysis-tab-reports" onClick={() => setView('reports')}>
            {t('analysis.tabReports')}
          </button>
        </div>
        {ownOnly ? (
          <span className="tag-chip small analysis-own-only" data-testid="analysis-own-only" title={t('analysis.onlyMineHint')}>
            {t('analysis.onlyMine')}
          </span>
        ) : null}
      </div>
      {view === 'classification' ? (
        <ClassificationScreen />
      ) : (
        <div className="reports-view">
          <nav className="report-list no-print" data-testid="report-list">
            {REPORT_KINDS.map((k) => (
              <button
                key={k}
                type="button"
                className={`report-item${k === report ? ' active' : ''}`}
                data-testid={`report-nav-${k}`}
                onClick={() => setReport(k)}
              >
                {t(`analysis.reports.${k}`)}
              </button>
            ))}
          </nav>
          <div className="report-main">
            {drill ? <DrillPanel key={JSON.stringify([drill.target, drill.store])} drill={drill} /> : null}
            {/* The report stays mounted under the drill list, so going back shows it as it was. */}
            <div style={drill ? { display: 'none' } : undefined} className="report-scroll">
              <Report key={report} />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
