import Database from 'better-sqlite3';
const db = new Database(process.argv[2]!, { readonly: true });
function time(label: string, sql: string) {
  const t = performance.now(); let n = 0;
  for (const _r of db.prepare(sql).raw(true).iterate()) n++;
  console.log(label, (performance.now() - t).toFixed(0), 'ms', n);
}
time('warm', 'SELECT customer_id FROM orders INDEXED BY orders_customer_idx');
time('cust only', 'SELECT customer_id FROM orders INDEXED BY orders_customer_idx');
time('rowid+cust', 'SELECT rowid, customer_id FROM orders INDEXED BY orders_customer_idx');
time('+date', 'SELECT rowid, customer_id, order_date, total_fen FROM orders INDEXED BY orders_customer_idx');
time('+julian', 'SELECT rowid, customer_id, CAST(julianday(order_date) - 2440587.5 AS INTEGER), total_fen FROM orders INDEXED BY orders_customer_idx');
time('full', `SELECT rowid, customer_id, CAST(julianday(order_date) - 2440587.5 AS INTEGER) AS day, total_fen, (deleted = 0 AND status <> 'cancelled' AND order_date IS NOT NULL) FROM orders INDEXED BY orders_customer_idx ORDER BY customer_id`);
time('count', 'SELECT count(*) FROM orders INDEXED BY orders_customer_idx');
console.log(db.prepare(`EXPLAIN QUERY PLAN SELECT rowid, customer_id, CAST(julianday(order_date) - 2440587.5 AS INTEGER) AS day, total_fen, (deleted = 0 AND status <> 'cancelled' AND order_date IS NOT NULL) FROM orders INDEXED BY orders_customer_idx ORDER BY customer_id`).all());
time('numbers', `SELECT rowid, CAST(julianday(order_date) - 2440587.5 AS INTEGER) AS day, total_fen, (deleted = 0 AND status <> 'cancelled' AND order_date IS NOT NULL) FROM orders INDEXED BY orders_customer_idx ORDER BY customer_id`);
time('groups', `SELECT customer_id, count(*) FROM orders INDEXED BY orders_customer_idx GROUP BY customer_id ORDER BY customer_id`);
let t = performance.now(); let s = 0;
for (const v of db.prepare(`SELECT rowid * 4294967296.0 + 0 FROM orders INDEXED BY orders_customer_idx`).pluck().iterate()) s += v as number;
console.log('pluck', (performance.now() - t).toFixed(0));
