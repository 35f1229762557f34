import { openWorkspace } from '../src-main/db/open-workspace';
import { SalesFacts } from '../src-main/analysis/facts/sales-facts';
const ws = openWorkspace(process.argv[2]!);
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const f = new SalesFacts(); f.refresh(ws);
  console.log('build', (performance.now() - t).toFixed(0), 'ms', f.customerCount, f.orderCount);
}
ws.close();
