// The report result shapes live in the contract (src-shared); re-exported for the analysis screens.
export type * from '../../src-shared/contract/report-results';
export type { SchemeDto } from '../../src-shared/contract/analysis-methods';
