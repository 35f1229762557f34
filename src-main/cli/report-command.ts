import { resolve } from 'node:path';
import { openForReading } from './cli-workspace';
import { salesDateRange } from '../analysis/sales-dates';
import { UsageError } from './cli-errors';
import { callMethod } from './call-command';
import type { CliIo, CommandOutput } from './cli-commands';
import { localDate } from '../../src-shared/query/relative-dates';

export const REPORT_KINDS = [
  'pareto',
  'rfm',
  'dormant',
  'clv',
  'managers',
  'timeSeries',
  'pyramid',
  'distribution',
  'transitions',
  'relationship',
  'business',
] as const;

export interface ReportOptions {
  'as-of'?: string | undefined;
  days?: string | undefined;
  scheme?: string | undefined;
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  type?: string | undefined;
  by?: string | undefined;
  /** 门店 filter (a site code): the report over that store's customers; checked by the contract. */
  store?: string | undefined;
}

/**
 * `kecard report KIND`: the app's reports through the same router and worker. Without --as-of the
 * date is the last sale when that lies in the past — the app's own default (reports.salesDates) —
 * so an imported history does not come out empty just because nothing was sold today.
 */
export async function reportCommand(workspace: string, kind: string, options: ReportOptions, io: CliIo, asUser?: string): Promise<CommandOutput> {
  if (!(REPORT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`未知报表 / unknown report: ${kind}（可用 / one of: ${REPORT_KINDS.join(', ')}）`);
  }
  const asOf = options['as-of'] ?? defaultAsOf(workspace);
  const days = options.days === undefined ? undefined : Number(options.days);
  const windowDays = days ?? 365;
  const need = (name: keyof ReportOptions) => {
    const value = options[name];
    if (value === undefined) throw new UsageError(`报表 ${kind} 需要 / report "${kind}" needs --${name}`);
    return value;
  };
  const base: Record<string, unknown> = (() => {
    switch (kind) {
      case 'pareto':
        return { kind, asOf, windowDays };
      case 'rfm':
        return { kind, asOf, windowDays, scoring: { kind: 'quantiles', buckets: 5 } };
      case 'dormant':
        return { kind, asOf, dormantDays: days ?? 180 };
      case 'clv':
        return { kind, asOf, windowDays, lifespanYears: 3, grossMargin: 0.3 };
      case 'managers':
        return { kind, asOf, windowDays };
      case 'timeSeries':
        return { kind, fromMonth: need('from'), toMonth: need('to'), ...(options.by ? { by: options.by } : {}) };
      case 'pyramid':
        return { kind, schemeId: need('scheme'), ...(options.period ? { period: options.period } : {}) };
      case 'distribution':
        return { kind, schemeId: need('scheme') };
      case 'transitions':
        return { kind, schemeId: need('scheme'), from: need('from'), to: need('to') };
      case 'business':
        return { kind, typeId: need('type'), asOf, windowDays };
      default:
        return { kind };
    }
  })();
  const request = options.store === undefined ? base : { ...base, store: options.store };
  const { envelope, job } = await callMethod(workspace, 'reports.run', { request }, io, asUser);
  if (!envelope.ok) return { json: envelope, text: [`错误 / Error (${envelope.error.code}): ${envelope.error.message}`], raw: true, failed: true };
  if (!job?.ok) {
    const error = job?.error ?? { code: 'INTERNAL', message: 'The report did not finish.' };
    return { json: { ok: false, error }, text: [`错误 / Error (${error.code}): ${error.message}`], raw: true, failed: true };
  }
  return { json: { request, result: job.result }, text: [`报表 / Report: ${kind}  ${JSON.stringify(request)}`, ...describeFigures(job.result)] };
}

function defaultAsOf(workspace: string): string {
  const today = localDate(new Date());
  const ws = openForReading(resolve(workspace));
  try {
    const last = salesDateRange(ws).lastOrderDate;
    return last !== null && last < today ? last : today;
  } finally {
    ws.close();
  }
}

/** A report's figures for a terminal: its top-level numbers, then the first rows of each list. */
export function describeFigures(result: unknown, rowsShown = 20): string[] {
  if (typeof result !== 'object' || result === null) return [String(result)];
  const lines: string[] = [];
  const entries = Object.entries(result);
  // Totals first, where a person looks; then each list, cut short (the whole is in --json).
  for (const [key, value] of entries) {
    if (typeof value !== 'object' || value === null) lines.push(`${key}: ${formatValue(key, value)}`);
    else if (!Array.isArray(value)) lines.push(`${key}: ${formatRow(value)}`);
  }
  for (const [key, value] of entries) {
    if (!Array.isArray(value)) continue;
    lines.push(`${key} (${value.length.toLocaleString('en-US')}):`);
    for (const row of value.slice(0, rowsShown)) lines.push(`  ${formatRow(row)}`);
    if (value.length > rowsShown) lines.push(`  … ${(value.length - rowsShown).toLocaleString('en-US')} more (use --json)`);
  }
  return lines;
}

function formatRow(row: unknown): string {
  if (typeof row !== 'object' || row === null) return String(row);
  return Object.entries(row)
    .filter(([, v]) => typeof v !== 'object' || v === null)
    .map(([k, v]) => `${k}=${formatValue(k, v)}`)
    .join('  ');
}

function formatValue(key: string, value: unknown): string {
  if (typeof value === 'number' && /fen$/i.test(key))
    return `¥${(value / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Math.round(value * 10_000) / 10_000);
  return String(value);
}
