/**
 * JSON with every object's keys sorted and no whitespace: the header's bytes do not depend on the
 * order its writer built it in, so a re-sealed or re-read header compares byte for byte.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
