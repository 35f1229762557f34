import { siteOrigin, versionVector, type SiteOrigin } from '../changelog/site-identity';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { KecardError } from '../../src-shared/errors';
import { openWorkspace } from '../db/open-workspace';
import type { Workspace } from '../db/workspace';
import { acquireWorkspaceLock } from '../db/workspace-lock';
import { MAX_DEMO_ORDERS_PER_CUSTOMER } from '../demo/demo-orders';
import { MAX_DEMO_CUSTOMERS, type DemoResult } from '../demo/generate-demo';
import { quickSearch } from '../services/search/quick-search';
import { localUserContext } from '../workspace/app-host';
import { UsageError } from './cli-errors';
import { salesSummary, type SalesSummary } from './sales-summary';
import { openForCommand, openForReading } from './cli-workspace';
import { runDemoJob, type DemoJobProgress } from './run-demo-job';

/** What a command hands back: the JSON value for --json, and the lines for people. */
export interface CommandOutput {
  json: unknown;
  text: string[];
  /** `json` is already an envelope (the router's own): printed as is, not wrapped in another. */
  raw?: boolean;
  /** The command ran but what it did failed (the exit code says so). */
  failed?: boolean;
}

export interface CliIo {
  json: boolean;
  /** Progress and notices for people (stderr); silent in --json mode. */
  note: (line: string, sameLine?: boolean) => void;
}

export const DEFAULT_SEED = 1;

export async function demoCommand(
  workspace: string,
  customersArg: string | undefined,
  seedArg: string | undefined,
  io: CliIo,
  ordersArg?: string,
  fromArg?: string,
): Promise<CommandOutput> {
  const path = resolve(workspace);
  const customers = parseWhole('--customers', customersArg, 1, MAX_DEMO_CUSTOMERS);
  const seed = seedArg === undefined ? DEFAULT_SEED : parseWhole('--seed', seedArg, 0, 2 ** 32 - 1);
  const ordersPerCustomer = ordersArg === undefined ? 0 : parseWhole('--orders-per-customer', ordersArg, 0, MAX_DEMO_ORDERS_PER_CUSTOMER);
  const firstIndex = fromArg === undefined ? 0 : parseWhole('--from', fromArg, 0, MAX_DEMO_CUSTOMERS * 10 - customers);
  // Create (or check) the file here, so a bad path fails before a worker starts. The lock is held
  // until the worker has finished: the app must not open the file while the demo writes into it.
  const created = !existsSync(path);
  const lock = acquireWorkspaceLock(path, 'cli');
  try {
    openWorkspace(path, { create: created, lock }).closeKeepingLock();
    if (created) io.note(`已创建工作区 / Created workspace: ${path}`);
    return await runDemo(path, seed, customers, ordersPerCustomer, firstIndex, created, io);
  } finally {
    lock.release();
  }
}

async function runDemo(
  path: string,
  seed: number,
  customers: number,
  ordersPerCustomer: number,
  firstIndex: number,
  created: boolean,
  io: CliIo,
): Promise<CommandOutput> {
  let lastShown = -1;
  const result: DemoResult = await runDemoJob(
    path,
    { customers, seed, ...(ordersPerCustomer > 0 ? { ordersPerCustomer } : {}), ...(firstIndex > 0 ? { firstIndex } : {}) },
    localUserContext(),
    (p: DemoJobProgress) => {
      const percent = Math.floor((p.done / Math.max(1, p.total)) * 100);
      if (p.phase === 'saving') io.note(`正在保存 / Saving ${p.total.toLocaleString('en-US')} customers…`, true);
      else if (percent !== lastShown) {
        lastShown = percent;
        io.note(`生成演示数据 / Generating demo data: ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} (${percent}%)`, true);
      }
    },
    () => io.note('正在取消，稍候… / Cancelling, please wait…'),
  );
  io.note('');
  const json = { workspace: path, created, ...result };
  return {
    json,
    text: [
      `完成 / Done: ${result.customers.toLocaleString('en-US')} customers, ${result.departments.toLocaleString('en-US')} departments, ` +
        `${result.contacts.toLocaleString('en-US')} contacts, ${result.employees} employees` +
        (result.orders > 0
          ? `, ${result.products} products, ${result.orders.toLocaleString('en-US')} orders (${result.orderLines.toLocaleString('en-US')} lines), ` +
            `${result.receipts.toLocaleString('en-US')} receipts, ${result.records.toLocaleString('en-US')} business records`
          : '') +
        ` (seed ${seed}) in ${(result.elapsedMs / 1000).toFixed(1)} s`,
      `工作区 / Workspace: ${path}`,
    ],
  };
}

export interface WorkspaceSummary {
  path: string;
  name: string;
  workspaceId: string;
  siteId: string;
  /** The site this file's site was copied from (save copy, restore), if any. */
  copiedFrom: SiteOrigin | null;
  /** Site → highest change number held: what sync compares and acknowledges. */
  versionVector: Record<string, number>;
  schemaVersion: number;
  counts: { customers: number; contacts: number; departments: number; employees: number; changeLog: number };
  sales: SalesSummary;
  fileSizeBytes: number;
}

export function infoCommand(workspace: string): CommandOutput {
  const summary = withWorkspace(workspace, (ws) => summarize(ws));
  return {
    json: summary,
    text: [
      `路径 / Path:            ${summary.path}`,
      `名称 / Name:            ${summary.name}`,
      `站点 / Site id:         ${summary.siteId}`,
      ...(summary.copiedFrom ? [`复制自 / Copied from:   ${summary.copiedFrom.siteId} (${summary.copiedFrom.how}, ${summary.copiedFrom.at})`] : []),
      `版本向量 / Versions:    ${Object.entries(summary.versionVector)
        .map(([site, seq]) => `${site === summary.siteId ? '本站' : site.slice(-12)}:${seq}`)
        .join('  ')}`,
      `结构版本 / Schema:      ${summary.schemaVersion}`,
      `客户 / Customers:       ${summary.counts.customers.toLocaleString('en-US')}`,
      `联系人 / Contacts:      ${summary.counts.contacts.toLocaleString('en-US')}`,
      `部门 / Departments:     ${summary.counts.departments.toLocaleString('en-US')}`,
      `员工 / Employees:       ${summary.counts.employees.toLocaleString('en-US')}`,
      `变更记录 / Change log:  ${summary.counts.changeLog.toLocaleString('en-US')}`,
      `订单 / Orders:          ${summary.sales.orders.toLocaleString('en-US')}`,
      `销售额 / Revenue:       ¥${(summary.sales.revenueFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
      `销售日期 / Sales dates: ${summary.sales.firstSaleDate ? `${summary.sales.firstSaleDate} – ${summary.sales.lastSaleDate ?? ''}` : '无 / none'}`,
      `文件大小 / File size:   ${formatBytes(summary.fileSizeBytes)}`,
    ],
  };
}

export function summarize(ws: Workspace): WorkspaceSummary {
  const count = (sql: string) => (ws.db.prepare(sql).get() as { n: number }).n;
  return {
    path: ws.path,
    name: ws.identity.name,
    workspaceId: ws.identity.workspaceId,
    siteId: ws.siteId,
    copiedFrom: siteOrigin(ws.db),
    versionVector: versionVector(ws.db),
    schemaVersion: ws.db.pragma('user_version', { simple: true }) as number,
    counts: {
      customers: count('SELECT count(*) AS n FROM customers WHERE deleted = 0'),
      contacts: count('SELECT count(*) AS n FROM contacts WHERE deleted = 0'),
      departments: count('SELECT count(*) AS n FROM departments WHERE deleted = 0'),
      employees: count('SELECT count(*) AS n FROM employees WHERE deleted = 0'),
      changeLog: count('SELECT count(*) AS n FROM change_log'),
    },
    sales: salesSummary(ws),
    // The main file plus its WAL: what the workspace occupies on disk right now.
    fileSizeBytes: fileSize(ws.path) + fileSize(`${ws.path}-wal`),
  };
}

/** `kecard init`: a new, empty workspace; an existing file is never touched. */
export function initCommand(workspace: string): CommandOutput {
  const path = resolve(workspace);
  if (existsSync(path)) throw new KecardError('WORKSPACE_EXISTS', 'A file with that name already exists.', { path });
  const ws = openForCommand(path, { create: true });
  const summary = summarize(ws);
  ws.close();
  return { json: summary, text: [`已创建工作区 / Created workspace: ${path}`] };
}

export function searchCommand(workspace: string, query: string, limitArg: string | undefined): CommandOutput {
  const limit = limitArg === undefined ? 20 : parseWhole('--limit', limitArg, 1, 200);
  const result = withWorkspace(workspace, (ws) => quickSearch(ws, query, limit));
  const text = result.hits.map((h) =>
    [h.code ?? '-', h.name, h.city ?? '', h.customerClass ?? '', h.matchedContact ? `联系人 / contact: ${h.matchedContact}` : '']
      .filter((part) => part !== '')
      .join('  '),
  );
  text.push(`${result.hits.length} 条结果 / hits, ${result.tookMs} ms`);
  return { json: { query, ...result }, text };
}

export const HELP = [
  '客卡 Kecard 命令行 / command line',
  '',
  '用法 / Usage: kecard <command> [options]',
  '',
  '  init   --workspace FILE',
  '         新建空工作区（文件已存在时拒绝）/ create an empty workspace (refuses an existing file).',
  '  demo   --workspace FILE --customers N [--seed S] [--orders-per-customer K] [--from N]',
  '         生成演示数据（文件不存在时创建）/ build demo data (creates FILE if missing).',
  `         N = 1…${MAX_DEMO_CUSTOMERS.toLocaleString('en-US')}, seed S defaults to ${DEFAULT_SEED}; the same S and N always give the same data.`,
  '         K orders per customer (default 0) over the last three years, with a product catalogue.',
  '         --from N continues seed S at customer N (after a run of N customers): both runs together',
  '         hold what one run would, so a large workspace can be built in committed parts.',
  '         Ctrl+C cancels and leaves FILE unchanged.',
  '  info   --workspace FILE',
  '         工作区信息 / path, name, site id, schema version, record counts, orders, revenue and sales dates, file size.',
  '  search --workspace FILE [--limit N] QUERY',
  '         快速查询 / quick search: name fragments, pinyin (zgyd, zhongguo), phone digits, codes, contact names.',
  '  import --workspace FILE --file SHEET [--target customers|contacts|orders|receipts|products|records]',
  '         [--type BUSINESS-TYPE (records: name or id)] [--mode allOrNothing|validRows]',
  '         [--sheet NAME] [--encoding auto|utf8|gb18030] [--duplicate skip|updateEmpty|overwrite|create] [--dry-run]',
  '         导入 xlsx/xls/csv（一个事务，先备份）/ import in one transaction after a backup; --dry-run only checks.',
  '  backup --workspace FILE',
  '         立即备份（联机备份并校验）/ take a verified backup now.',
  '  restore --workspace FILE [--backup NAME | --latest]',
  '         列出或恢复备份 / list backups, or restore one (the replaced file is kept as a backup).',
  '  call   METHOD [JSON | -] --workspace FILE [--as USER]',
  '         调用任一接口方法（校验、权限、事件与应用相同）/ any contract method through the router, e.g.',
  '         kecard call customers.create \'{"values":{"name":"华为"}}\' -w a.kecard; "-" reads JSON from stdin.',
  '         Prints the envelope {ok, value | error}; a method that starts a job waits for it ("job").',
  '  report KIND --workspace FILE [--as-of DATE] [--days N] [--scheme ID] [--period P] [--from X --to Y] [--type ID] [--by class|province|store] [--store CODE]',
  '         运行报表并打印数字 / run a report and print its figures. KIND: pareto, rfm, dormant, clv, managers,',
  '         timeSeries (--from/--to YYYY-MM), pyramid, distribution, transitions (--scheme), relationship, business (--type).',
  '         --as-of defaults to the last sale date when that is in the past; --days: the window (dormant: the threshold).',
  '         --store NJ01: only the customers whose 门店 is that site (HQ reading one store).',
  '  site   show | create-network --code HQ --name 总部 | invite --code NJ01 --name 南京店 --out FILE',
  '         | join --invite FILE | revoke --code NJ01 | scope --code NJ01 (--own | --all | --stores NJ01,SH01)',
  '         (each with --workspace FILE)',
  '         同步组：创建、邀请门店、加入、停用、门店收到的客户范围 / sync network: create, invite a store, join, revoke,',
  '         which customers a store receives.',
  '  sync   status | export (--to CODE | --all) --out DIR | import FILE|DIR… [--processed DIR]',
  '         同步包：导出、导入（全部校验后一次写入）/ bundles: export, import (all checked, then one transaction).',
  '  conflicts list [--all] | keep ID --value kept|lost   (--workspace FILE)',
  '         冲突箱：列出并发修改中落选的值；保留现值或改用落选值 / the conflict inbox: list, keep either value.',
  '  help   显示本帮助 / show this help.',
  '',
  'Every command accepts --json: machine-readable output on stdout only.',
  '',
  'Exit codes: 0 ok, 1 failed, 2 usage error, 130 cancelled.',
];

function withWorkspace<T>(workspace: string, fn: (ws: Workspace) => T): T {
  const ws = openForReading(resolve(workspace));
  try {
    return fn(ws);
  } finally {
    ws.close();
  }
}

function parseWhole(option: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined) throw new UsageError(`缺少 / missing ${option}`);
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${option} 应为 ${min}–${max} 的整数 / must be a whole number from ${min} to ${max}: ${value}`);
  }
  return n;
}

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
