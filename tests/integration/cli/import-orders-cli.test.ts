import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { tempDir, testUser } from '../../support/temp-workspace';

// `kecard import` of an order sheet, as a user in a terminal runs it (dist/main/cli.mjs is built
// once by tests/support/build-once.ts).
const root = join(import.meta.dirname, '..', '..', '..');
const cliFile = join(root, 'dist', 'main', 'cli.mjs');

let dir: string;
let cleanup: () => void;
let workspace: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  workspace = join(dir, 'orders.kecard');
  const ws = openWorkspace(workspace, { create: true });
  createCustomer(ws, testUser, { name: '温州正泰电器股份有限公司' });
  ws.close();
});
afterAll(() => cleanup());

function kecard(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliFile, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('kecard import --target orders', () => {
  it('names the missing columns once instead of an error per row', () => {
    const file = join(dir, '订单.csv');
    writeFileSync(
      file,
      ['单号,日期,客户,品名,件数,货款', ...Array.from({ length: 30 }, (_, i) => `SO-${i},2026-05-01,温州正泰电器股份有限公司,断路器,2,10`)].join(
        '\n',
      ),
    );
    const r = kecard('import', '--workspace', workspace, '--file', file, '--target', 'orders', '--dry-run');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('缺少必需的列 / Missing required columns: 数量 (quantity)；单价 或 金额 (unitPrice or amount)');
    expect(r.stderr).toContain('文件中的列 / Columns in the file: 单号, 日期, 客户, 品名, 件数, 货款');
    expect(r.stderr).not.toContain('第 2 行');
    expect(r.stderr.split('\n').filter((l) => l.includes('缺少')).length).toBe(1);
  });

  it('a refused import names its bad rows as the checking run does, and writes nothing', () => {
    const file = join(dir, '订单-有问题.csv');
    writeFileSync(
      file,
      [
        '订单号,订单日期,客户名称,产品名称,数量,金额',
        'SO-7,2026-05-01,温州正泰电器股份有限公司,断路器,3,100.00',
        'SO-8,2026-05-02,ＡＢＣ贸易,接触器,2,50',
      ].join('\n'),
    );
    const r = kecard('import', '--workspace', workspace, '--file', file, '--target', 'orders');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 行有问题，未导入任何数据 / 1 rows have problems; nothing was imported:');
    // In the wizard's words first (the field as sheets head it), then the codes a script matches.
    expect(r.stderr).toContain('  第 3 行 · 客户名称：‘ＡＢＣ贸易’ 在工作区中找不到 / row 3: customer notFound "ＡＢＣ贸易"');
    expect(r.stderr).not.toMatch(/^\s*第 3 行 \/ row 3/m);
    const ws = openWorkspace(workspace);
    try {
      expect(ws.db.prepare("SELECT count(*) FROM orders WHERE order_no IN ('SO-7', 'SO-8')").pluck().get()).toBe(0);
    } finally {
      ws.close();
    }
  });

  it('the checking run words each problem in Chinese: a date it cannot read, a row without its customer', () => {
    const file = join(dir, '订单-检查.csv');
    writeFileSync(
      file,
      [
        '订单号,订单日期,客户名称,产品名称,数量,金额',
        'SO-20,2026-05-01,温州正泰电器股份有限公司,断路器,3,100.00',
        'SO-21,2026-13-45,温州正泰电器股份有限公司,接触器,2,50',
        'SO-22,2026-05-03,,接触器,2,50',
      ].join('\n'),
    );
    const r = kecard('import', '--workspace', workspace, '--file', file, '--target', 'orders', '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^\s+第 \d+ 行/.test(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^ {2}第 3 行 · 订单日期：‘2026-13-45’ 不是可识别的日期 \/ row 3: orderDate date "2026-13-45"$/);
    expect(rows[1]).toMatch(/^ {2}第 4 行 · 客户名称：工作区中没有这个客户 \/ row 4: customer notFound/);
  });

  it('imports 金额 and prints the file total beside what was imported', () => {
    const file = join(dir, '销售.csv');
    writeFileSync(
      file,
      [
        '订单号,订单日期,客户名称,产品名称,数量,金额',
        'SO-1,2026-05-01,温州正泰电器股份有限公司,断路器,3,100.00',
        'SO-2,2026-05-02,温州正泰电器股份有限公司,接触器,7,"1,234.56"',
      ].join('\n'),
    );
    const r = kecard('import', '--workspace', workspace, '--file', file, '--target', 'orders');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('文件「金额」列合计 / File total of "金额": ¥1,334.56; 将导入明细金额 / lines to import: ¥1,334.56');
    const ws = openWorkspace(workspace);
    try {
      expect((ws.db.prepare('SELECT sum(total_fen) AS t FROM orders WHERE deleted = 0').get() as { t: number }).t).toBe(133456);
    } finally {
      ws.close();
    }
  });
});
