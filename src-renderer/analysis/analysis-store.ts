import { create } from 'zustand';
import { localDate } from '../../src-shared/query/relative-dates';
import type { DrillTarget } from './report-types';

export type AnalysisView = 'classification' | 'reports';
export const REPORT_KINDS = [
  'pareto',
  'pyramid',
  'distribution',
  'transitions',
  'dormant',
  'timeSeries',
  'rfm',
  'clv',
  'managers',
  'relationship',
  'business',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Drill {
  title: string;
  target: DrillTarget;
  /** The 门店 of the report drilled into (HQ's filter): the list holds that store's customers only. */
  store?: string;
}

interface AnalysisState {
  view: AnalysisView;
  report: ReportKind;
  /** Analysis date and window shared by the reports that take them. */
  asOf: string;
  windowDays: number;
  /** Classification's own date (previews, applying a scheme, lifecycle rules): not the reports'. */
  classAsOf: string;
  /** The last day with a sale, once main has said (null: no sales); undefined until then. */
  lastSale: string | null | undefined;
  /** Which dates the user set; the others follow the last sale. */
  chosen: { asOf: boolean; classAsOf: boolean };
  /** Scheme the class reports read. */
  schemeId: string | null;
  /** 门店 filter of the reports at HQ (a site code), null for 全部门店. */
  store: string | null;
  /** The 门店 the shown report was computed for (undefined: all): its drills take it, not what the select says now. */
  shownStore: string | undefined;
  drill: Drill | null;
  setView(view: AnalysisView): void;
  setReport(report: ReportKind): void;
  setAsOf(asOf: string): void;
  setClassAsOf(asOf: string): void;
  /** Main's last sale: dates the user has not set become it when it is before today (imported history). */
  setLastSale(lastSale: string | null): void;
  setWindowDays(days: number): void;
  setSchemeId(id: string | null): void;
  setStore(store: string | null): void;
  setShownStore(store: string | undefined): void;
  /** Opens the drill list for the shown report's 门店. */
  openDrill(drill: Omit<Drill, 'store'>): void;
  closeDrill(): void;
}

/** 分析: which screen and report is open, the shared parameters, the drill-down list. */
export const useAnalysis = create<AnalysisState>((set) => ({
  view: 'classification',
  report: 'pareto',
  asOf: localDate(new Date()),
  windowDays: 365,
  classAsOf: localDate(new Date()),
  lastSale: undefined,
  chosen: { asOf: false, classAsOf: false },
  schemeId: null,
  store: null,
  shownStore: undefined,
  drill: null,
  setView: (view) => set({ view, drill: null }),
  setReport: (report) => set({ report, drill: null }),
  setAsOf: (asOf) => set((s) => ({ asOf, chosen: { ...s.chosen, asOf: true } })),
  setClassAsOf: (classAsOf) => set((s) => ({ classAsOf, chosen: { ...s.chosen, classAsOf: true } })),
  setLastSale: (lastSale) =>
    set((s) => {
      const today = localDate(new Date());
      const fallback = lastSale !== null && lastSale < today ? lastSale : today;
      return { lastSale, asOf: s.chosen.asOf ? s.asOf : fallback, classAsOf: s.chosen.classAsOf ? s.classAsOf : fallback };
    }),
  setWindowDays: (windowDays) => set({ windowDays }),
  setSchemeId: (schemeId) => set({ schemeId }),
  setStore: (store) => set({ store }),
  setShownStore: (shownStore) => set({ shownStore }),
  openDrill: (drill) => set((s) => ({ drill: s.shownStore === undefined ? drill : { ...drill, store: s.shownStore } })),
  closeDrill: () => set({ drill: null }),
}));
