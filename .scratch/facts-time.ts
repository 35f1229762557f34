import { openWorkspace } from '../src-main/db/open-workspace';
import { salesFacts } from '../src-main/analysis/facts/sales-facts';
const ws = openWorkspace(process.argv[2]!);
let t = performance.now();
const f = salesFacts(ws);
console.log('build', (performance.now() - t).toFixed(0), 'ms', f.customerCount, f.orderCount, Math.round(process.memoryUsage().rss / 1e6), 'MB');
t = performance.now(); salesFacts(ws); console.log('fresh', (performance.now() - t).toFixed(2), 'ms');
ws.close();
