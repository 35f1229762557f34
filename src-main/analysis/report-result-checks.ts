import type {
  BusinessResult,
  ClassPreview,
  ClvResult,
  DistributionResult,
  DormantResult,
  DrillResult,
  LifecycleCounts,
  ManagerRow,
  ParetoResult,
  PyramidResult,
  RelationshipResult,
  RfmResult,
  TimeSeriesResult,
  TransitionsResult,
} from '../../src-shared/contract/report-results';
import type { applyScheme, previewScheme } from './classification-service';
import type { drillQuery } from './drill';
import type { applyLifecycleRules } from './lifecycle-service';
import type { businessSummary, classDistribution, classPyramid, classTransitions, relationshipDistribution } from './reports';
import type { clvReport, dormantReport, managerPerformance, paretoReport, rfmReport, timeSeries } from './sales-reports';

// Compile-time only: each report returns what the renderer is told it returns (shared types in
// src-shared/contract/report-results.ts). A report that changes shape incompatibly fails typecheck here.

/** What a report returns must fit what the renderer reads (it may be narrower, never wider). */
type Same<A, B> = [A] extends [B] ? true : false;
type Check<T extends true> = T;

export type ReportResultChecks = [
  Check<Same<ReturnType<typeof paretoReport>, ParetoResult>>,
  Check<Same<ReturnType<typeof rfmReport>, RfmResult>>,
  Check<Same<ReturnType<typeof classPyramid>, PyramidResult>>,
  Check<Same<ReturnType<typeof classDistribution>, DistributionResult>>,
  Check<Same<ReturnType<typeof classTransitions>, TransitionsResult>>,
  Check<Same<ReturnType<typeof dormantReport>, DormantResult>>,
  Check<Same<ReturnType<typeof timeSeries>, TimeSeriesResult>>,
  Check<Same<ReturnType<typeof clvReport>, ClvResult>>,
  Check<Same<ReturnType<typeof managerPerformance>, ManagerRow[]>>,
  Check<Same<ReturnType<typeof relationshipDistribution>, RelationshipResult>>,
  Check<Same<ReturnType<typeof businessSummary>, BusinessResult>>,
  Check<Same<ReturnType<typeof previewScheme>, ClassPreview[]>>,
  Check<Same<ReturnType<typeof applyScheme>, ClassPreview[]>>,
  Check<Same<ReturnType<typeof applyLifecycleRules>, LifecycleCounts>>,
  Check<Same<ReturnType<typeof drillQuery>, DrillResult>>,
];
