// The report result shapes live in src-shared; re-exported for the analysis screens.
export * from '../../src-shared/analysis/report-results';
