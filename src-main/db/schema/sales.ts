import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { customers } from './customers';
import { employees } from './employees';

/** 产品: the catalogue order lines pick from. Prices in fen. */
export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    code: text('code'),
    name: text('name').notNull(),
    category: text('category'),
    unit: text('unit'),
    priceFen: integer('price_fen').notNull().default(0),
    costFen: integer('cost_fen'),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [index('products_name_idx').on(t.deleted, t.name)],
);

/**
 * 订单. `total_fen` is derived from the lines and the order discount, recomputed on every change.
 * The order discount is an amount (`discount_bp` NULL) or a rate in basis points off the lines'
 * subtotal (9折 = 1000); with a rate `discount_fen` holds the amount it came to
 * (src-shared/order-discount.ts has the rounding rule).
 */
export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    orderNo: text('order_no').notNull(),
    orderDate: text('order_date').notNull(),
    ownerId: text('owner_id').references(() => employees.id),
    status: text('status').notNull().default('confirmed'),
    discountFen: integer('discount_fen').notNull().default(0),
    discountBp: integer('discount_bp'),
    totalFen: integer('total_fen').notNull().default(0),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [
    // Both carry status, customer and total so the aggregates over orders (query-builder
    // conditions per customer; report windows by date) are answered from the index alone: reading
    // the order rows themselves made a 1M-order report 5–10× slower (docs/performance.md).
    index('orders_customer_idx').on(t.customerId, t.deleted, t.orderDate, t.status, t.totalFen),
    index('orders_date_idx').on(t.deleted, t.orderDate, t.status, t.customerId, t.totalFen),
    // Covers the per-customer aggregates of reports and classification (sum, count, last date in a
    // window) so they never touch the order rows themselves.
    index('orders_report_idx').on(t.deleted, t.status, t.customerId, t.orderDate, t.totalFen),
  ],
);

/** Quantity in thousandths (1.5 kg = 1500), discount in basis points off (9.5折 = 500). */
export const orderLines = sqliteTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    productId: text('product_id').references(() => products.id),
    productName: text('product_name').notNull(),
    quantityMilli: integer('quantity_milli').notNull(),
    unitPriceFen: integer('unit_price_fen').notNull(),
    discountBp: integer('discount_bp').notNull().default(0),
    amountFen: integer('amount_fen').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [index('order_lines_order_idx').on(t.orderId, t.deleted), index('order_lines_product_idx').on(t.productId)],
);

/** 收款. Optionally settles a specific order; otherwise counts against the customer's balance. */
export const receipts = sqliteTable(
  'receipts',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    orderId: text('order_id').references(() => orders.id),
    receiptDate: text('receipt_date').notNull(),
    amountFen: integer('amount_fen').notNull(),
    method: text('method'),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  (t) => [
    index('receipts_customer_idx').on(t.customerId, t.deleted, t.receiptDate),
    // Removing an order (a customer leaving a store's scope) makes SQLite's foreign-key check look
    // for receipts naming it; without this index that is a scan of every receipt per order.
    index('receipts_order_idx')
      .on(t.orderId)
      .where(sql`${t.orderId} IS NOT NULL`),
  ],
);

/** 相关员工: our staff on an account, with their role on it. */
export const customerStaff = sqliteTable(
  'customer_staff',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    employeeId: text('employee_id')
      .notNull()
      .references(() => employees.id),
    role: text('role'),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted').notNull().default(0),
  },
  // By employee too: record scope 'own' gathers the customers a user serves (people/record-scope.ts).
  (t) => [index('customer_staff_customer_idx').on(t.customerId, t.deleted), index('customer_staff_employee_idx').on(t.employeeId)],
);
