import Database from 'better-sqlite3';
const db = new Database(process.argv[2], { readonly: true });
try {
const rows = db.prepare(`SELECT name, sum(pgsize) AS bytes, count(*) pages FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 25`).all();
for (const r of rows) console.log(r.name.padEnd(40), (r.bytes/1e6).toFixed(1), 'MB');
} catch (e) { console.log(e.message); }
console.log(db.prepare('select count(*) n, avg(length(new_value)) a from change_log').get());
console.log(db.prepare('select * from customers limit 3').all());
console.log(db.prepare('select * from contacts limit 3').all());
