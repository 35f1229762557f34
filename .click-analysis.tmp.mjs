import { chromium } from 'playwright-core';
const url = 'http://127.0.0.1:46405/#token=b72hOInntDDHRMh0DbcCeswO4MpDNzF4';
const base = url.split('/#')[0]; const token = url.split('token=')[1];
const call = async (m, i) => { const r = await fetch(base + '/api/call/' + m, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kecard-token': token }, body: JSON.stringify(i) }); const j = await r.json(); if (!j.ok) throw new Error(m + JSON.stringify(j.error)); return j.value; };
const day = (n) => { const d = new Date(); d.setDate(d.getDate() - n); return d.toISOString().slice(0, 10); };
const emp = await call('employees.create', { values: { name: '王经理' } }).catch((e) => { console.log(String(e)); return null; });
for (let i = 0; i < 40; i++) {
  const c = await call('customers.create', { values: { name: '客户' + i, province: i % 2 ? '广东' : '江苏', relationshipLevel: (i % 4) + 1, ...(emp ? { ownerId: emp.id } : {}) } });
  for (let k = 0; k < (i % 5) + 1; k++) await call('orders.create', { customerId: c.id, orderDate: day((i * 17 + k * 40) % 500), status: 'confirmed', lines: [{ productName: 'x', quantityMilli: 1000, unitPriceFen: (1000 + i * i * 50) * 100 }] });
}
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1400, height: 900 } });
p.on('pageerror', (e) => console.log('PAGEERROR', e.message));
p.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
await p.goto(url);
await p.getByTestId('nav-analysis').click();
await p.getByTestId('scheme-new').click();
await p.getByTestId('scheme-preview-table').waitFor();
await p.screenshot({ path: '/tmp/shot-classification.png' });
await p.getByTestId('scheme-method-rules').click();
await p.waitForTimeout(1500);
await p.screenshot({ path: '/tmp/shot-rules.png', fullPage: true });
await p.getByTestId('scheme-method-contribution').click();
await p.getByTestId('scheme-save').click();
await p.getByTestId('scheme-apply-run').click();
await p.getByTestId('scheme-apply-result').waitFor();
await p.getByTestId('analysis-tab-reports').click();
for (const k of ['rfm','clv','managers','relationship','business']) {
  await p.getByTestId('report-nav-' + k).click();
  await p.waitForTimeout(1200);
  const st = await p.locator('section.report').getAttribute('data-status', { timeout: 2000 }).catch(() => 'n/a');
  const err = await p.getByTestId('report-error').textContent().catch(() => null);
  console.log(k, st, err ?? '');
  await p.screenshot({ path: '/tmp/shot-' + k + '.png' });
}
await p.getByTestId('report-nav-rfm').click(); await p.waitForTimeout(800);
const d1 = p.waitForEvent('download'); await p.getByTestId('report-export-svg').click(); const s = await d1; console.log('svg', s.suggestedFilename(), (await import('node:fs')).readFileSync(await s.path(), 'utf8').slice(0, 80));
const d2 = p.waitForEvent('download'); await p.getByTestId('report-export-xlsx').click(); const x = await d2; console.log('xlsx', x.suggestedFilename(), (await import('node:fs')).readFileSync(await x.path()).subarray(0,4));
await p.locator('[data-testid=rfm-drill]').first().click(); await p.waitForTimeout(1500);
await p.screenshot({ path: '/tmp/shot-drill.png' });
await p.emulateMedia({ media: 'print' }); await p.getByTestId('drill-back').click(); await p.waitForTimeout(500); await p.screenshot({ path: '/tmp/shot-print.png' });
await b.close();
