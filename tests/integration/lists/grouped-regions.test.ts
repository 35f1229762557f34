import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drillQuery } from '../../../src-main/analysis/drill';
import { timeSeries } from '../../../src-main/analysis/sales-reports';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { groupedTotals } from '../../../src-main/services/lists/grouped-totals';
import { countQuery } from '../../../src-main/services/query/run-query';
import { createOrder } from '../../../src-main/services/sales/order-service';
import type { QueryDefinition } from '../../../src-shared/query/query-tree';
import { groupDefinition } from '../../../src-renderer/customers/customer-groups';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// Province and city group by their division-list name, so 广东 and 广东省 are one group, without
// rewriting what is stored; groups (and report dimensions) sort by pinyin, not code point.

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

/** Customers as an earlier version stored them: free text, written before the list existed. */
function legacy(name: string, province: string | null, city: string | null = null): string {
  const c = createCustomer(ws, testUser, { name });
  ws.db.prepare('UPDATE customers SET province = ?, city = ? WHERE id = ?').run(province, city, c.id);
  return c.id;
}

const provinceOf = (id: string) =>
  ws.db.prepare('SELECT province, city FROM customers WHERE id = ?').get(id) as { province: string | null; city: string | null };

describe('grouping by region', () => {
  it('puts 广东 and 广东省 in one group, groups in pinyin order, and a drill selects the whole group', () => {
    legacy('甲', '广东', '深圳');
    legacy('乙', '广东省', '深圳市');
    createCustomer(ws, testUser, { name: '丙', province: '广东', city: '广州' });
    legacy('丁', '上海', '上海');
    createCustomer(ws, testUser, { name: '戊', province: '上海市' });
    legacy('己', '北京');
    legacy('庚', '浙江省', '杭州');
    legacy('辛', '华南');
    legacy('壬', null);

    const rows = groupedTotals(ws, { entity: 'customer' }, ['province'], [{ field: '', fn: 'count' }]);
    // 北(bei) 广(guang) 华(hua) 上(shang) 浙(zhe), empty last, then the grand total. In code point
    // order 上 (U+4E0A) would come first.
    expect(rows.map((r) => [r.key[0] ?? null, r.count])).toEqual([
      ['北京市', 1],
      ['广东省', 3],
      ['华南', 1],
      ['上海市', 2],
      ['浙江省', 1],
      [null, 1],
      [null, 9],
    ]);
    expect(rows.at(-1)?.key).toEqual([]);
    const guangdong = rows.find((r) => r.key[0] === '广东省');
    expect(guangdong?.variants).toEqual({ '0': ['广东', '广东省'] });
    expect(rows.find((r) => r.key[0] === '北京市')?.variants).toEqual({ '0': ['北京'] });
    expect(rows.find((r) => r.key[0] === '华南')?.variants).toBeUndefined();

    // What the list's group drill sends (customer-groups.ts): the stored texts of the group.
    const drill: QueryDefinition = {
      entity: 'customer',
      where: {
        kind: 'group',
        op: 'and',
        children: [{ kind: 'condition', field: 'province', operator: 'in', values: guangdong?.variants?.['0'] ?? [] }],
      },
    };
    expect(countQuery(ws, drill)).toBe(3);

    const cities = groupedTotals(ws, { entity: 'customer' }, ['province', 'city'], [{ field: '', fn: 'count' }]);
    expect(cities.filter((r) => r.level === 2 && r.key[0] === '广东省').map((r) => [r.key[1], r.count])).toEqual([
      ['广州市', 1],
      ['深圳市', 2],
    ]);
  });

  it("groups a city within its province: 朝阳 under 北京 is 北京市, two provinces' 市区 are two groups, and each drill selects its own", () => {
    legacy('甲', '北京', '朝阳');
    legacy('乙', '辽宁', '朝阳');
    legacy('丙', '广东省', '市区');
    legacy('丁', '浙江省', '市区');
    legacy('戊', null, '深圳');
    legacy('己', '广东', '深圳市');
    legacy('庚', null, null);

    const rows = groupedTotals(ws, { entity: 'customer' }, ['city'], [{ field: '', fn: 'count' }]);
    // The city alone grouped 甲 with 乙 (朝阳市) and 丙 with 丁 (市区).
    expect(rows.map((r) => [r.key[0] ?? null, r.count])).toEqual([
      ['北京市', 1],
      ['朝阳市', 1],
      ['广东省 市区', 1],
      ['深圳市', 2],
      ['浙江省 市区', 1],
      [null, 1],
      [null, 7],
    ]);
    for (const row of rows.filter((r) => r.level === 1)) {
      expect(countQuery(ws, groupDefinition(['city'], row, [])), String(row.key[0])).toBe(row.count);
    }
    const guangdong = rows.find((r) => r.key[0] === '广东省 市区');
    expect(guangdong?.cityProvinces).toEqual({ '0': ['广东省'] });
    expect(rows.find((r) => r.key[0] === '深圳市')?.cityProvinces).toEqual({ '0': ['', '广东'] });

    // Under a province level the city keeps its plain name where the name is its province's alone.
    const nested = groupedTotals(ws, { entity: 'customer' }, ['province', 'city'], [{ field: '', fn: 'count' }]);
    const cities = nested.filter((r) => r.level === 2).map((r) => [r.key[0], r.key[1], r.count]);
    expect(cities).toContainEqual(['北京市', '北京市', 1]);
    expect(cities).toContainEqual(['辽宁省', '朝阳市', 1]);
    expect(cities).toContainEqual(['广东省', '广东省 市区', 1]);
    for (const row of nested.filter((r) => r.level === 2)) {
      expect(countQuery(ws, groupDefinition(['province', 'city'], row, [])), JSON.stringify(row.key)).toBe(row.count);
    }
  });

  it('maps stored free text when the customer is next written through the service', () => {
    const id = legacy('甲', '广东', null);
    updateCustomer(ws, testUser, id, { city: '深圳' });
    expect(provinceOf(id)).toEqual({ province: '广东省', city: '深圳市' });
    const logged = ws.db
      .prepare("SELECT field FROM change_log_entries WHERE entity_id = ? AND op = 'update' AND field IN ('province', 'city') ORDER BY field")
      .pluck()
      .all(id);
    expect(logged).toEqual(['city', 'province']);

    // A city alone fills its province; a province the user clears stays cleared.
    const other = createCustomer(ws, testUser, { name: '乙', city: '苏州' });
    expect([other.province, other.city]).toEqual(['江苏省', '苏州市']);
    const cleared = updateCustomer(ws, testUser, other.id, { province: null });
    expect([cleared.province, cleared.city]).toEqual([null, '苏州市']);
    // Unknown text is kept as written.
    expect(updateCustomer(ws, testUser, other.id, { province: '华东区' }).province).toBe('华东区');
  });

  it('folds provinces in the time series by province, in pinyin order, and its drill counts the folded group', () => {
    const line = [{ productName: '货品', quantityMilli: 1000, unitPriceFen: 10_000 }];
    for (const [name, province] of [
      ['甲', '广东'],
      ['乙', '广东省'],
      ['丙', '上海'],
      ['丁', '安徽'],
    ] as const) {
      createOrder(ws, testUser, { customerId: legacy(name, province), orderDate: '2026-06-10', lines: line });
    }
    const rows = timeSeries(ws, '2026-06', '2026-06', 'province').rows;
    expect(rows.map((r) => [r.k, r.revenue, r.active])).toEqual([
      ['安徽省', 10_000, 1],
      ['广东省', 20_000, 2],
      ['上海市', 10_000, 1],
    ]);
    const { definition } = drillQuery(ws, { of: 'month', month: '2026-06', measure: 'active', by: 'province', key: '广东省' });
    expect(countQuery(ws, definition)).toBe(2);
  });
});
