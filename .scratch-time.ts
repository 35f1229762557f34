import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openWorkspace } from './src-main/db/open-workspace';
import { generateDemo } from './src-main/demo/generate-demo';
// wrap Statement.prototype.run/get to time by SQL prefix
const acc = new Map<string, [number, number]>();
const proto = (Database as unknown as { prototype: { prepare: (s: string) => unknown } }).prototype;
const origPrepare = proto.prepare;
proto.prepare = function (this: unknown, sql: string) {
  const st = origPrepare.call(this, sql) as Record<string, (...a: unknown[]) => unknown>;
  for (const m of ['run', 'get', 'all']) {
    const f = st[m]!.bind(st);
    st[m] = (...a: unknown[]) => { const t = performance.now(); const r = f(...a); const k = sql.slice(0, 60).replace(/\s+/g, ' '); const e = acc.get(k) ?? [0, 0]; e[0] += performance.now() - t; e[1]++; acc.set(k, e); return r; };
  }
  return st;
};
const n = Number(process.argv[2] ?? 10000);
const path = `/tmp/kcd/t-${n}.kecard`;
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
const ws = openWorkspace(path, { create: true });
const r = generateDemo(ws, { userId: 'u', userName: 'u', role: 'manager' }, { customers: n, seed: 42 });
console.log(r.elapsedMs);
for (const [k, [ms, c]] of [...acc].sort((a, b) => b[1][0] - a[1][0]).slice(0, 12)) console.log(ms.toFixed(0).padStart(6), c, (ms * 1000 / c).toFixed(1) + 'us', k);
ws.close();
