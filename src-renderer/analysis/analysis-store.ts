import { create } from 'zustand';
import { localDate } from '../../src-shared/query/relative-dates';
import type { DrillTarget } from './report-types';

export type AnalysisView = 'classification' | 'reports';
export const REPORT_KINDS = ['pareto', 'pyramid', 'distribution', 'transitions', 'dormant', 'timeSeries', 'rfm', 'clv', 'managers', 'relationship', 'business'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Drill {
  title: string;
  target: DrillTarget;
}

interface AnalysisState {
  view: AnalysisView;
  report: ReportKind;
  /** Analysis date and window shared by the reports that take them. */
  asOf: string;
  windowDays: number;
  /** Scheme the class reports read. */
  schemeId: string | null;
  drill: Drill | null;
  setView(view: AnalysisView): void;
  setReport(report: ReportKind): void;
  setAsOf(asOf: string): void;
  setWindowDays(days: number): void;
  setSchemeId(id: string | null): void;
  openDrill(drill: Drill): void;
  closeDrill(): void;
}

/** 分析: which screen and report is open, the shared parameters, the drill-down list. */
export const useAnalysis = create<AnalysisState>((set) => ({
  view: 'classification',
  report: 'pareto',
  asOf: localDate(new Date()),
  windowDays: 365,
  schemeId: null,
  drill: null,
  setView: (view) => set({ view, drill: null }),
  setReport: (report) => set({ report, drill: null }),
  setAsOf: (asOf) => set({ asOf }),
  setWindowDays: (windowDays) => set({ windowDays }),
  setSchemeId: (schemeId) => set({ schemeId }),
  openDrill: (drill) => set({ drill }),
  closeDrill: () => set({ drill: null }),
}));
