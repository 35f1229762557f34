import Database from 'better-sqlite3';
const db = new Database(process.argv[2]!, { readonly: true });
function run(label: string, fn: () => number) { const t = performance.now(); const n = fn(); console.log(label, (performance.now() - t).toFixed(0), 'ms', n); }
for (let k = 0; k < 2; k++) {
run('current', () => { let n = 0; for (const r of db.prepare(`SELECT rowid, customer_id, CAST(julianday(order_date) - 2440587.5 AS INTEGER) AS day, total_fen, (deleted = 0 AND status <> 'cancelled' AND order_date IS NOT NULL) FROM orders INDEXED BY orders_customer_idx ORDER BY customer_id`).raw(true).iterate()) n++; return n; });
run('groups+numbers', () => { let n = 0;
  for (const r of db.prepare(`SELECT customer_id, count(*) FROM orders INDEXED BY orders_customer_idx GROUP BY customer_id ORDER BY customer_id`).raw(true).iterate()) n++;
  for (const r of db.prepare(`SELECT rowid * 2 + (deleted = 0 AND status <> 'cancelled' AND order_date IS NOT NULL), CAST(julianday(order_date) - 2440587.5 AS INTEGER), total_fen FROM orders INDEXED BY orders_customer_idx ORDER BY customer_id`).raw(true).iterate()) n++; return n; });
run('groups+2 plucks', () => { let n = 0;
  for (const r of db.prepare(`SELECT customer_id, count(*) FROM orders INDEXED BY orders_customer_idx GROUP BY customer_id ORDER BY customer_id`).raw(true).iterate()) n++;
  for (const r of db.prepare(`SELECT (rowid * 2 + (deleted = 0 AND status <> 'cancelled' AND order_date IS NOT NULL)) * 65536 + CAST(julianday(order_date) - 2440587.5 AS INTEGER) FROM orders INDEXED BY orders_customer_idx ORDER BY customer_id`).pluck().iterate()) n++;
  for (const r of db.prepare(`SELECT total_fen FROM orders INDEXED BY orders_customer_idx ORDER BY customer_id`).pluck().iterate()) n++; return n; });
}
