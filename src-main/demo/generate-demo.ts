import { employeeCreateInput } from '../../src-shared/domain/organisation';
import { productInput } from '../../src-shared/domain/sales';
import { localDate } from '../../src-shared/query/relative-dates';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import { runWrite, type WriteTx } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { CustomerTreeWriter } from '../services/customers/customer-bulk';
import { insertEmployee } from '../services/employees/employee-service';
import { insertBusinessRecord } from '../services/business/business-record-service';
import { insertFromTemplate, templateNames } from '../services/business/business-templates';
import { getBusinessType, listBusinessTypes } from '../services/business/business-type-service';
import { storedFields } from '../services/custom-fields/field-registry';
import { OrderBulkWriter } from '../services/sales/order-bulk';
import { insertProduct } from '../services/sales/product-service';
import { listExpenseCategories } from '../services/business/expense-service';
import { insertRow } from '../services/shared/entity-writes';
import { v7 as uuidv7 } from 'uuid';
import { validate } from '../services/shared/validate';
import type { DemoPlan, DemoRecordType } from './demo-batches';
import { DEMO_RECORD_TEMPLATES, type DemoRecordTemplate } from './demo-followups';
import { demoProducts, MAX_DEMO_ORDERS_PER_CUSTOMER } from './demo-orders';
import { demoEmployees, ownerWeights } from './demo-records';
import { localSource, type DemoBatchSource } from './demo-source';

export const MAX_DEMO_CUSTOMERS = 1_000_000;

export type DemoPhase = 'employees' | 'customers' | 'saving';

export interface DemoProgress {
  done: number;
  total: number;
  phase: DemoPhase;
}

export interface GenerateDemoOptions {
  customers: number;
  seed: number;
  /** Orders per customer (default 0: no products, no orders). */
  ordersPerCustomer?: number;
  /**
   * Demo customer number of the first one to generate (default 0). A run with `firstIndex = N`
   * after one that made customers 0…N-1 of the same seed continues it: together they hold exactly
   * what one run of both sizes would, and the staff and catalogue of the first run are reused.
   * This lets a very large workspace be built in several committed parts.
   */
  firstIndex?: number;
  /** Last day of the sales history (YYYY-MM-DD); default today. Orders reach three years back from it. */
  salesUntil?: string;
  onProgress?: (progress: DemoProgress) => void;
  /** Checked between batches; when it reads true the whole generation rolls back. */
  cancel?: { readonly cancelled: boolean };
  /** Customers between progress reports and cancel checks. */
  batchSize?: number;
  /** Builds the customers elsewhere (another thread); the default builds them on this thread. */
  producer?: (plan: DemoPlan, batchSize: number) => DemoBatchSource;
}

export interface DemoResult {
  seed: number;
  customers: number;
  departments: number;
  contacts: number;
  employees: number;
  products: number;
  orders: number;
  orderLines: number;
  /** With sales: receipts against the orders, and business records (opportunities, visits). */
  receipts: number;
  records: number;
  elapsedMs: number;
  /**
   * Time the writer spent getting batches: building them on this thread, or waiting for the
   * producer thread. Near zero means writing SQLite is the bottleneck.
   */
  batchWaitMs: number;
}

/**
 * Fills a workspace with demo data through the service layer, in ONE logged write (source
 * 'demo'): a cancel, an error or a crash leaves the workspace exactly as it was.
 */
export function generateDemo(ws: Workspace, ctx: CallContext, options: GenerateDemoOptions): DemoResult {
  const total = options.customers;
  if (!Number.isInteger(total) || total < 1 || total > MAX_DEMO_CUSTOMERS) {
    throw new KecardError('VALIDATION', `The number of customers must be between 1 and ${MAX_DEMO_CUSTOMERS}.`, { fields: { customers: 'range' } });
  }
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 2 ** 32 - 1) {
    throw new KecardError('VALIDATION', 'The seed must be a whole number from 0 to 4294967295.', { fields: { seed: 'range' } });
  }
  const ordersPerCustomer = options.ordersPerCustomer ?? 0;
  if (!Number.isInteger(ordersPerCustomer) || ordersPerCustomer < 0 || ordersPerCustomer > MAX_DEMO_ORDERS_PER_CUSTOMER) {
    throw new KecardError('VALIDATION', `Orders per customer must be between 0 and ${MAX_DEMO_ORDERS_PER_CUSTOMER}.`, {
      fields: { ordersPerCustomer: 'range' },
    });
  }
  const firstIndex = options.firstIndex ?? 0;
  if (!Number.isInteger(firstIndex) || firstIndex < 0 || firstIndex + total > MAX_DEMO_CUSTOMERS * 10) {
    throw new KecardError('VALIDATION', 'The first demo customer number is out of range.', { fields: { firstIndex: 'range' } });
  }
  const salesUntil = options.salesUntil ?? localDate(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(salesUntil)) throw new KecardError('VALIDATION', 'Some fields are not valid.', { fields: { salesUntil: 'date' } });
  const seed = options.seed;
  const batch = Math.max(1, options.batchSize ?? 2000);
  const report = options.onProgress ?? (() => {});
  const checkCancel = () => {
    if (options.cancel?.cancelled) throw new KecardError('JOB_CANCELLED', 'Demo data generation was cancelled.');
  };
  const started = performance.now();

  const counts = withBulkCache(ws, () =>
    runWrite(
      ws,
      ctx,
      (tx) => {
        report({ done: 0, total, phase: 'employees' });
        // A continuation (firstIndex > 0) finds the staff and products its first part made.
        const reuseOr =
          firstIndex > 0 ? existingByName : (_tx: WriteTx, _table: 'employees' | 'products', _name: string, insert: () => string) => insert();
        const employeeIds = demoEmployees(seed).map((e) =>
          reuseOr(tx, 'employees', e.name, () => insertEmployee(tx, validate(employeeCreateInput, e))),
        );
        const plan: DemoPlan = {
          seed,
          total,
          firstIndex,
          firstCode: nextCodeNumber(tx),
          employeeIds,
          owners: ownerWeights(seed, employeeIds.length).map((w, i) => [i, w] as const),
        };
        if (ordersPerCustomer > 0) {
          const products = demoProducts(seed).map((p) => ({
            id: reuseOr(tx, 'products', p.name, () => insertProduct(tx, validate(productInput, p))),
            name: p.name,
            priceFen: p.priceFen,
          }));
          Object.assign(plan, { ordersPerCustomer, products, salesUntil, recordTypes: demoRecordTypes(tx) });
          demoExpenseCategories(tx);
        }
        const writer = new CustomerTreeWriter(tx);
        const orderWriter = ordersPerCustomer > 0 ? new OrderBulkWriter(tx) : null;
        const source = options.producer ? options.producer(plan, batch) : localSource(plan, batch);
        let done = 0;
        let batchWaitMs = 0;
        let departments = 0;
        let contacts = 0;
        let orders = 0;
        let orderLines = 0;
        let receipts = 0;
        let records = 0;
        try {
          const nextBatch = () => {
            const t = performance.now();
            const trees = source.next();
            batchWaitMs += performance.now() - t;
            return trees;
          };
          for (let trees = nextBatch(); trees; trees = nextBatch()) {
            checkCancel();
            report({ done, total, phase: 'customers' });
            for (const tree of trees) {
              writer.insert(tree);
              departments += tree.departments.length;
              contacts += tree.contacts.length;
              if (orderWriter && tree.orders) {
                for (const o of tree.orders) {
                  orderWriter.insert(o.values, o.id);
                  orderLines += o.values.lines.length;
                }
                orders += tree.orders.length;
                for (const r of tree.receipts ?? []) orderWriter.insertReceipt(r.values, r.id);
                receipts += tree.receipts?.length ?? 0;
              }
              // Through the record service: the workflow's status, custom values and their log entries.
              for (const r of tree.records ?? []) insertBusinessRecord(tx, r.values, r.id);
              records += tree.records?.length ?? 0;
            }
            done += trees.length;
          }
        } finally {
          source.close();
        }
        checkCancel();
        report({ done: total, total, phase: 'saving' });
        return {
          departments,
          contacts,
          employees: employeeIds.length,
          products: plan.products?.length ?? 0,
          orders,
          orderLines,
          receipts,
          records,
          batchWaitMs: Math.round(batchWaitMs),
        };
      },
      { source: 'demo' },
    ),
  );
  return { seed, customers: total, ...counts, elapsedMs: Math.round(performance.now() - started) };
}

/**
 * The business types demo records go to: the workspace's own 销售机会跟踪 / 客户回访 (found by
 * template, then by name) or new ones from the templates, in the demo's own logged write (a
 * cancelled demo leaves no type behind). Fields are matched by label, so a type the user changed
 * takes what still fits.
 */
function demoRecordTypes(tx: WriteTx): Partial<Record<DemoRecordTemplate, DemoRecordType>> {
  const names = templateNames();
  const out: Partial<Record<DemoRecordTemplate, DemoRecordType>> = {};
  for (const template of DEMO_RECORD_TEMPLATES) {
    const types = listBusinessTypes(tx.ws);
    const type =
      types.find((t) => t.template === template) ??
      types.find((t) => t.name === names[template]) ??
      getBusinessType(tx.ws, insertFromTemplate(tx, template));
    const columns = Object.fromEntries(storedFields(tx.ws, 'record', type.id).map((f) => [f.label, f.columnName]));
    out[template] = { typeId: type.id, statuses: type.statuses.map((s) => s.key), columns };
  }
  return out;
}

/** 费用分类 a company starts with, so an expense can be entered on a demo card at once; existing ones are kept. */
const DEMO_EXPENSE_CATEGORIES = ['差旅费', '招待费', '交通费', '礼品费', '办公费'];

function demoExpenseCategories(tx: WriteTx): void {
  const roots = listExpenseCategories(tx.ws).filter((c) => c.parentId === null);
  let sortOrder = roots.length;
  for (const name of DEMO_EXPENSE_CATEGORIES) {
    if (roots.some((c) => c.name === name)) continue;
    insertRow(tx, 'expenseCategory', null, uuidv7(), { name, parentId: null, sortOrder: sortOrder++ });
  }
}

function existingByName(tx: WriteTx, table: 'employees' | 'products', name: string, insert: () => string): string {
  const row = tx.ws.db.prepare(`SELECT id FROM ${table} WHERE name = ? AND deleted = 0 ORDER BY id LIMIT 1`).get(name) as { id: string } | undefined;
  return row ? row.id : insert();
}

/** Demo codes continue after the highest KH number already in the file, so a second run never clashes. */
function nextCodeNumber(tx: WriteTx): number {
  const row = tx.ws.db.prepare(`SELECT max(CAST(substr(code, 3) AS INTEGER)) AS n FROM customers WHERE code GLOB 'KH[0-9]*'`).get() as {
    n: number | null;
  };
  return (row.n ?? 0) + 1;
}

/**
 * A larger page cache (512 MB) for this connection while generating: the customer indexes (sort key, city,
 * class …) take inserts at random positions, and a cache that holds them avoids re-reading
 * spilled pages. Restored afterwards, since the connection may be the app's own.
 */
function withBulkCache<T>(ws: Workspace, fn: () => T): T {
  const before = ws.db.pragma('cache_size', { simple: true }) as number;
  ws.db.pragma('cache_size = -524288');
  try {
    return fn();
  } finally {
    ws.db.pragma(`cache_size = ${before}`);
  }
}
