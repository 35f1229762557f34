import type { CanonicalRegion, RegionField, RegionNode } from '../../../src-shared/domain/region';
import { divisionTree } from './division-tree';

// Free text → the division list. People drop the suffix (广东, 上海, 内蒙), write a city alone
// (深圳), a district where the city goes (浦东 for 上海市), or a whole address head in one cell
// (广东省深圳市). Each is mapped only when it names exactly one division; anything else is kept
// as written and reported unmatched, so nothing the user wrote is lost or guessed.

/** The suffixes people leave off, longest first so 壮族自治区 goes before 区. */
const SUFFIX = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|省|市|区|县|州|盟|旗)$/;

interface Located {
  province: RegionNode;
  city: RegionNode | null;
  district: RegionNode | null;
  node: RegionNode;
}

/** The name without its administrative suffix: 广西壮族自治区 → 广西, 深圳市 → 深圳. */
function core(name: string): string {
  return name.replace(SUFFIX, '');
}

function tidy(text: string | null | undefined): string | null {
  const t = (text ?? '').replace(/[\s\u3000]+/g, '');
  return t === '' ? null : t;
}

/** One level's divisions with lookups by full name and by core name. */
class Scope {
  private readonly exact = new Map<string, Located[]>();
  private readonly cores = new Map<string, Located[]>();

  constructor(
    readonly list: readonly Located[],
    private readonly lenient = false,
  ) {
    for (const l of list) {
      push(this.exact, l.node.name, l);
      push(this.cores, core(l.node.name), l);
    }
  }

  /**
   * The one division `text` names: its full name, its core name (杭州 → 杭州市, 万州 → 万州区), or
   * a unique beginning of at least two characters (内蒙 → 内蒙古自治区). A suffix the user wrote
   * must fit, so 朝阳区 is no 朝阳市, except among provinces (广西省 still means 广西).
   */
  find(text: string): Located | null {
    const exact = this.exact.get(text);
    if (exact) return exact.length === 1 ? (exact[0] ?? null) : null;
    const stems = [...new Set([text, core(text)])].filter((c) => c.length >= 2);
    const fits = (stem: string) => (l: Located) => this.lenient || stem === text || l.node.name.endsWith(text.slice(stem.length));
    for (const stem of stems) {
      const same = (this.cores.get(stem) ?? []).filter(fits(stem));
      if (same.length > 0) return same.length === 1 ? (same[0] ?? null) : null;
    }
    for (const stem of stems) {
      const begins = this.list.filter((l) => l.node.name.startsWith(stem) && fits(stem)(l));
      if (begins.length > 0) return begins.length === 1 ? (begins[0] ?? null) : null;
    }
    return null;
  }

  /** A division whose name (or core name) begins `text` and leaves something after it: 广东省|深圳市. */
  head(text: string): { hit: Located; rest: string } | null {
    let best: { hit: Located; rest: string } | null = null;
    for (const l of this.list) {
      for (const form of [l.node.name, core(l.node.name)]) {
        if (form.length >= 2 && text.length > form.length && text.startsWith(form) && (!best || form.length > text.length - best.rest.length)) {
          best = { hit: l, rest: text.slice(form.length) };
        }
      }
    }
    return best;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface Scopes {
  provinces: Scope;
  cities: Scope;
  districts: Scope;
  citiesOf: Map<RegionNode, Scope>;
  districtsOfProvince: Map<RegionNode, Scope>;
  districtsOfCity: Map<RegionNode, Scope>;
}

let scopes: Scopes | null = null;

function buildScopes(): Scopes {
  const s: Scopes = {
    provinces: new Scope([]),
    cities: new Scope([]),
    districts: new Scope([]),
    citiesOf: new Map(),
    districtsOfProvince: new Map(),
    districtsOfCity: new Map(),
  };
  const provinces: Located[] = [];
  const cities: Located[] = [];
  const districts: Located[] = [];
  for (const p of divisionTree()) {
    provinces.push({ province: p, city: null, district: null, node: p });
    const pCities: Located[] = [];
    const pDistricts: Located[] = [];
    for (const c of p.children ?? []) {
      pCities.push({ province: p, city: c, district: null, node: c });
      const cDistricts = (c.children ?? []).map((d): Located => ({ province: p, city: c, district: d, node: d }));
      pDistricts.push(...cDistricts);
      s.districtsOfCity.set(c, new Scope(cDistricts));
    }
    cities.push(...pCities);
    districts.push(...pDistricts);
    s.citiesOf.set(p, new Scope(pCities));
    s.districtsOfProvince.set(p, new Scope(pDistricts));
  }
  return { ...s, provinces: new Scope(provinces, true), cities: new Scope(cities), districts: new Scope(districts) };
}

function get(): Scopes {
  scopes ??= buildScopes();
  return scopes;
}

// Imports repeat the same few hundred values over many rows.
const MEMO_LIMIT = 20_000;
const memo = new Map<string, CanonicalRegion>();

export interface RegionInput {
  province?: string | null;
  city?: string | null;
  district?: string | null;
}

/** The region triple mapped onto GB/T 2260 names; fields it cannot place stay as written. */
export function canonicalRegion(input: RegionInput): CanonicalRegion {
  const key = `${input.province ?? ''}\u0001${input.city ?? ''}\u0001${input.district ?? ''}`;
  const hit = memo.get(key);
  if (hit) return { ...hit, unmatched: [...hit.unmatched] };
  const result = resolve(tidy(input.province), tidy(input.city), tidy(input.district));
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result);
  return { ...result, unmatched: [...result.unmatched] };
}

function resolve(pText: string | null, cTextIn: string | null, dTextIn: string | null): CanonicalRegion {
  const s = get();
  const cText = cTextIn;
  const dText = dTextIn;
  let p: RegionNode | null = null;
  let c: RegionNode | null = null;
  let d: RegionNode | null = null;

  if (pText) {
    p = s.provinces.find(pText)?.node ?? null;
    if (!p && !cText && !dText) {
      // 广东省深圳市南山区 in one cell, or a city where the province goes (深圳).
      // Taken only when the rest places too: a cell is split, never half guessed.
      const head = s.provinces.head(pText);
      const split = head ? resolve(head.hit.node.name, head.rest, null) : null;
      if (split && split.unmatched.length === 0) return split;
      const city = s.cities.find(pText);
      if (city) ({ province: p, city: c } = city);
    }
  }

  if (cText && !c) {
    if (p) {
      const scope = s.citiesOf.get(p) as Scope;
      const city = scope.find(cText);
      const district = city ? null : (s.districtsOfProvince.get(p) as Scope).find(cText);
      const head = city || district || dText ? null : scope.head(cText);
      const headDistrict = head ? (s.districtsOfCity.get(head.hit.node) as Scope).find(head.rest) : null;
      if (city) c = city.node;
      else if (district && !dText) ({ city: c, district: d } = district);
      else if (head && headDistrict) {
        c = head.hit.node;
        d = headDistrict.node;
      }
    } else {
      const city = s.cities.find(cText);
      const district = city ? null : s.districts.find(cText);
      const found = city ?? (district && !dText ? district : null);
      if (found) {
        c = found.city;
        d = found.district;
        if (!pText) p = found.province;
      }
    }
  }

  if (dText && !d) {
    const scope = c ? s.districtsOfCity.get(c) : p && !cText ? s.districtsOfProvince.get(p) : !p && !pText && !cText ? s.districts : null;
    const district = scope?.find(dText) ?? null;
    if (district) {
      d = district.node;
      if (!c && !cText) c = district.city;
      if (!p && !pText) p = district.province;
    }
  }

  const unmatched: RegionField[] = [];
  if (pText && !p) unmatched.push('province');
  if (cText && !c) unmatched.push('city');
  if (dText && !d) unmatched.push('district');
  return { province: p?.name ?? pText, city: c?.name ?? cText, district: d?.name ?? dText, unmatched };
}

/** The key a province value groups under: its canonical name, or the text as written. */
export function provinceKey(text: string): string {
  return canonicalRegion({ province: text }).province ?? text;
}

/** The key a city value groups under (without its province: a name the whole list has once). */
export function cityKey(text: string): string {
  return canonicalRegion({ city: text }).city ?? text;
}
