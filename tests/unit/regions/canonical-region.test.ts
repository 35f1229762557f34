import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalRegion, cityKey, provinceKey } from '../../../src-main/services/regions/canonical-region';
import { divisionTree } from '../../../src-main/services/regions/division-tree';
import { comparePinyin } from '../../../src-main/services/search/pinyin-order';

type Row = [
  province: string | null,
  city: string | null,
  district: string | null,
  expected: [string | null, string | null, string | null],
  unmatched?: string[],
];

// What people write in spreadsheets and forms, and what it means.
const TABLE: Row[] = [
  ['广东', null, null, ['广东省', null, null]],
  ['广东省', null, null, ['广东省', null, null]],
  [' 广东省 ', null, null, ['广东省', null, null]],
  ['上海', null, null, ['上海市', null, null]],
  ['上海市', '上海', null, ['上海市', '上海市', null]],
  ['上海', '上海市', '浦东', ['上海市', '上海市', '浦东新区']],
  [null, '深圳', null, ['广东省', '深圳市', null]],
  ['深圳', null, null, ['广东省', '深圳市', null]],
  ['内蒙', null, null, ['内蒙古自治区', null, null]],
  ['内蒙古', '呼和浩特', null, ['内蒙古自治区', '呼和浩特市', null]],
  ['广西', null, null, ['广西壮族自治区', null, null]],
  ['广西壮族自治区', '南宁', null, ['广西壮族自治区', '南宁市', null]],
  ['广西省', '桂林市', null, ['广西壮族自治区', '桂林市', null]],
  ['新疆', '乌鲁木齐', null, ['新疆维吾尔自治区', '乌鲁木齐市', null]],
  ['宁夏', '银川', null, ['宁夏回族自治区', '银川市', null]],
  ['西藏', '拉萨', null, ['西藏自治区', '拉萨市', null]],
  ['香港', null, null, ['香港特别行政区', null, null]],
  ['香港', '中西区', null, ['香港特别行政区', '香港特别行政区', '中西区']],
  ['澳门', null, null, ['澳门特别行政区', null, null]],
  ['台湾', '台北', null, ['台湾省', '台北市', null]],
  // 直辖市: the city is the municipality; a district written where the city goes moves down.
  ['北京', '朝阳区', null, ['北京市', '北京市', '朝阳区']],
  ['北京市', null, '海淀', ['北京市', '北京市', '海淀区']],
  ['天津', '滨海新区', null, ['天津市', '天津市', '滨海新区']],
  ['重庆', '万州', null, ['重庆市', '重庆市', '万州区']],
  ['重庆', null, '城口县', ['重庆市', '重庆市', '城口县']],
  // County-level cities directly under their province.
  ['湖北', '仙桃', null, ['湖北省', '仙桃市', null]],
  ['海南', '五指山', null, ['海南省', '五指山市', null]],
  ['河南', '济源市', null, ['河南省', '济源市', null]],
  // Same core name at two levels: 吉林省 吉林市.
  ['吉林', '吉林', null, ['吉林省', '吉林市', null]],
  [null, '吉林', null, ['吉林省', '吉林市', null]],
  ['湖北', '恩施州', null, ['湖北省', '恩施土家族苗族自治州', null]],
  ['黑龙江', '哈尔滨', '南岗', ['黑龙江省', '哈尔滨市', '南岗区']],
  ['浙江', '杭州', '西湖区', ['浙江省', '杭州市', '西湖区']],
  // A whole address head in one cell.
  ['广东省深圳市南山区', null, null, ['广东省', '深圳市', '南山区']],
  ['广东', '深圳市南山区', null, ['广东省', '深圳市', '南山区']],
  // Not placeable: kept as written, named unmatched.
  ['华南', null, null, ['华南', null, null], ['province']],
  ['广东', '杭州', null, ['广东省', '杭州', null], ['city']],
  // 朝阳区 is in 北京 and in 长春; 朝阳市 is a city in 辽宁 — a written 区 is no 市.
  [null, '朝阳区', null, [null, '朝阳区', null], ['city']],
  ['广东省深圳市某某', null, null, ['广东省深圳市某某', null, null], ['province']],
  ['江苏', '南京', '不存在区', ['江苏省', '南京市', '不存在区'], ['district']],
  [null, null, null, [null, null, null]],
  ['', '  ', null, [null, null, null]],
];

describe('canonicalRegion', () => {
  it.each(TABLE)('%s / %s / %s', (province, city, district, expected, unmatched = []) => {
    const r = canonicalRegion({ province, city, district });
    expect([r.province, r.city, r.district]).toEqual(expected);
    expect(r.unmatched).toEqual(unmatched);
  });

  it('maps every division of the list onto itself', () => {
    let seen = 0;
    for (const p of divisionTree()) {
      for (const c of p.children ?? []) {
        for (const d of c.children ?? []) {
          const r = canonicalRegion({ province: p.name, city: c.name, district: d.name });
          expect([r.province, r.city, r.district, r.unmatched]).toEqual([p.name, c.name, d.name, []]);
          seen += 1;
        }
        if (!c.children?.length) expect(canonicalRegion({ province: p.name, city: c.name }).unmatched).toEqual([]);
      }
    }
    expect(seen).toBeGreaterThan(3000);
  });

  it('holds GB/T 2260 codes, 34 provincial divisions and 直辖市 as their own city', () => {
    const tree = divisionTree();
    expect(tree).toHaveLength(34);
    expect(tree.find((p) => p.name === '广东省')?.code).toBe('44');
    expect(tree.find((p) => p.name === '香港特别行政区')?.code).toBe('81');
    const shanghai = tree.find((p) => p.name === '上海市');
    expect(shanghai?.children?.map((c) => c.name)).toEqual(['上海市']);
    expect(shanghai?.children?.[0]?.children?.find((d) => d.name === '浦东新区')?.code).toBe('310115');
    const hubei = tree.find((p) => p.name === '湖北省');
    expect(hubei?.children?.some((c) => c.name.includes('直辖'))).toBe(false);
    expect(hubei?.children?.find((c) => c.name === '仙桃市')?.code).toBe('429004');
  });

  it('is idempotent: a mapped triple maps to itself', () => {
    const tree = divisionTree();
    const short = (name: string) =>
      fc.constantFrom(name, name.replace(/(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|市|区|县)$/, ''), ` ${name}`);
    const triple = fc.nat(tree.length - 1).chain((pi) => {
      const p = tree[pi]!;
      const cities = p.children ?? [];
      return fc.nat(Math.max(cities.length - 1, 0)).chain((ci) => {
        const c = cities[ci];
        const ds = c?.children ?? [];
        return fc.tuple(
          fc.option(short(p.name)),
          c ? fc.option(short(c.name)) : fc.constant(null),
          ds.length ? fc.option(fc.nat(ds.length - 1).chain((di) => short(ds[di]!.name))) : fc.constant(null),
        );
      });
    });
    fc.assert(
      fc.property(triple, ([province, city, district]) => {
        const once = canonicalRegion({ province, city, district });
        const twice = canonicalRegion(once);
        expect([twice.province, twice.city, twice.district]).toEqual([once.province, once.city, once.district]);
      }),
      { numRuns: 500 },
    );
  });

  it('gives group keys: 广东 and 广东省 one key, unknown text its own', () => {
    expect(provinceKey('广东')).toBe('广东省');
    expect(provinceKey('广东省')).toBe('广东省');
    expect(provinceKey('上海')).toBe(provinceKey('上海市'));
    expect(provinceKey('华南')).toBe('华南');
    expect(cityKey('深圳')).toBe('深圳市');
    expect(cityKey('上海')).toBe('上海市');
  });
});

describe('comparePinyin', () => {
  it('orders provinces by pinyin, not code point', () => {
    const names = ['上海市', '广东省', '北京市', '安徽省', '重庆市', '浙江省', '澳门特别行政区'];
    expect([...names].sort(comparePinyin)).toEqual(['安徽省', '澳门特别行政区', '北京市', '重庆市', '广东省', '上海市', '浙江省']);
    // Code point order differs (上 U+4E0A before 北 U+5317), so the test can tell them apart.
    expect([...names].sort()).not.toEqual([...names].sort(comparePinyin));
  });
});
