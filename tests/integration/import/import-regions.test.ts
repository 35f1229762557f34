import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src-main/import/run-import';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { importSettings } from '../../../src-shared/import/import-settings';
import { importBench } from '../../support/import-bench';
import { testUser } from '../../support/temp-workspace';

// Province/city/district columns are mapped onto the division list (GB/T 2260); values it does
// not know are imported as written and listed, with their row counts, in the check step.

const WORKER = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'dist', 'main', 'import-worker.mjs'));

const im = importBench();

const CSV = [
  '客户名称,省份,城市,区县',
  '甲公司,广东,深圳,南山',
  '乙公司,广东省,深圳市,',
  '丙公司,,深圳,',
  '丁公司,上海,浦东,',
  '戊公司,内蒙,呼和浩特,',
  '己公司,华南,广州,',
  '庚公司,华南,,',
  '辛公司,广西,南宁,某某区',
  '壬公司,香港,,',
  '癸公司,广东,杭州,',
].join('\n');

type Stored = { name: string; province: string | null; city: string | null; district: string | null };
const stored = () => im.ws.db.prepare('SELECT name, province, city, district FROM customers WHERE deleted = 0 ORDER BY seq').all() as Stored[];

describe('importing regions', () => {
  it.each([
    ['in this thread', {}],
    ['from the producer thread', { producerFile: WORKER, threadedFromBytes: 0 }],
  ])('maps free text onto the division list and lists the unmatched (%s)', async (_how, threading) => {
    const path = im.path('regions.csv');
    writeFileSync(path, CSV);
    const settings = importSettings.parse({ target: 'customers' });
    const check = await runImport(im.ws, testUser, path, settings, { dryRun: true, ...threading });
    expect(check.invalid).toBe(0);
    expect(check.unmatchedRegions).toEqual([
      { field: 'province', value: '华南', count: 2 },
      { field: 'city', value: '杭州', count: 1 },
      { field: 'district', value: '某某区', count: 1 },
    ]);
    // 华南 is unknown, so 广州 is looked up on its own, and placed.
    expect(check.preview.find((p) => p.name === '己公司')).toMatchObject({ province: '华南', city: '广州市' });

    const done = await runImport(im.ws, testUser, path, settings, { dryRun: false, ...threading });
    expect(done.written).toMatchObject({ inserted: 10 });
    expect(stored()).toEqual([
      { name: '甲公司', province: '广东省', city: '深圳市', district: '南山区' },
      { name: '乙公司', province: '广东省', city: '深圳市', district: null },
      { name: '丙公司', province: '广东省', city: '深圳市', district: null },
      { name: '丁公司', province: '上海市', city: '上海市', district: '浦东新区' },
      { name: '戊公司', province: '内蒙古自治区', city: '呼和浩特市', district: null },
      { name: '己公司', province: '华南', city: '广州市', district: null },
      { name: '庚公司', province: '华南', city: null, district: null },
      { name: '辛公司', province: '广西壮族自治区', city: '南宁市', district: '某某区' },
      { name: '壬公司', province: '香港特别行政区', city: null, district: null },
      { name: '癸公司', province: '广东省', city: '杭州', district: null },
    ]);
  });

  it('maps the region of an existing customer it updates, keeping its other stored fields', async () => {
    const c = createCustomer(im.ws, testUser, { name: '甲公司', province: '江苏', city: '南京' });
    expect([c.province, c.city]).toEqual(['江苏省', '南京市']);
    // An earlier version stored free text; the update maps it with the imported district.
    im.ws.db.prepare("UPDATE customers SET province = '江苏', city = '南京' WHERE id = ?").run(c.id);
    const path = im.path('update.csv');
    writeFileSync(path, ['客户名称,区县', '甲公司,玄武'].join('\n'));
    const report = await runImport(
      im.ws,
      testUser,
      path,
      importSettings.parse({ target: 'customers', duplicateKeys: ['name'], duplicateAction: 'updateEmpty' }),
      { dryRun: false },
    );
    expect(report.written).toMatchObject({ updated: 1 });
    expect(stored()).toEqual([{ name: '甲公司', province: '江苏省', city: '南京市', district: '玄武区' }]);
  });
});
