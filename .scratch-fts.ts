import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
const src = new Database('/tmp/kcd/gen-10000.kecard', { readonly: true });
// rebuild docs from db via searchDocument
import { searchDocument } from './src-main/services/search/search-index';
const rows = src.prepare('SELECT seq, id, name, short_name, code, phones, email FROM customers').all() as { seq: number; id: string; name: string; short_name: string | null; code: string | null; phones: string; email: string | null }[];
const cts = src.prepare('SELECT name, mobile, phone FROM contacts WHERE customer_id = ?');
const docs = rows.map((r) => [r.seq, searchDocument(r, cts.all(r.id) as { name: string; mobile: string | null; phone: string | null }[])] as const);
console.log('avg tokens', docs.reduce((a, d) => a + d[1].split(' ').length, 0) / docs.length);
for (const variant of ['default', 'automerge0', 'hash64', 'both', 'noprefix']) {
  const p = '/tmp/kcd/fts.db'; rmSync(p, { force: true }); rmSync(p + '-wal', { force: true });
  const db = new Database(p); db.pragma('journal_mode=WAL'); db.pragma('cache_size=-262144');
  db.exec(`CREATE VIRTUAL TABLE s USING fts5(doc, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0' ${variant === 'noprefix' ? '' : ", prefix='1 2'"})`);
  const ins = db.prepare('INSERT INTO s (rowid, doc) VALUES (?, ?)');
  const t = performance.now();
  db.transaction(() => {
    if (variant === 'automerge0' || variant === 'both') db.prepare("INSERT INTO s(s, rank) VALUES('automerge', 0)").run();
    if (variant === 'hash64' || variant === 'both') db.prepare("INSERT INTO s(s, rank) VALUES('hashsize', 67108864)").run();
    for (let k = 0; k < 3; k++) for (const [seq, doc] of docs) ins.run(seq + k * 100000, doc);
  })();
  const t2 = performance.now();
  if (variant !== 'default') db.prepare("INSERT INTO s(s) VALUES('optimize')").run();
  console.log(variant, ((t2 - t) * 1000 / (docs.length * 3)).toFixed(1), 'us/doc; optimize ms', (performance.now() - t2).toFixed(0));
  db.close();
}
