import { REGION_FIELDS, type RegionField } from '../../../src-shared/domain/region';
import { canonicalRegion } from './canonical-region';

type RegionValues = Partial<Record<RegionField, string | null | undefined>>;

/**
 * A customer write's province/city/district mapped onto the division list (广东 → 广东省), as the
 * services store them. Only a write that touches a region field maps anything; the stored fields
 * it does not name are mapped with it (a legacy 广东 becomes 广东省 when the city is next set), and
 * may be filled in (深圳 alone gets 广东省). A field an update clears stays cleared; `before` null
 * means a new customer, whose empty fields may be filled.
 */
export function withCanonicalRegion<T extends RegionValues>(values: T, before: Readonly<Record<string, unknown>> | null = null): T {
  if (!REGION_FIELDS.some((f) => values[f] !== undefined)) return values;
  const stored = (f: RegionField): string | null => {
    const v = values[f] !== undefined ? values[f] : before?.[f];
    return typeof v === 'string' ? v : null;
  };
  const mapped = canonicalRegion({ province: stored('province'), city: stored('city'), district: stored('district') });
  const out: RegionValues = { ...values };
  for (const f of REGION_FIELDS) {
    if (values[f] === null && before !== null) continue;
    if (values[f] !== undefined || mapped[f] !== stored(f)) out[f] = mapped[f];
  }
  return out as T;
}
