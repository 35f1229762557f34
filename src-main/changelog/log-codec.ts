import type { ChangeOp } from '../../src-shared/domain/change-log';

// How the compact change log stores what the rest of the code sees as text: uuids as 16-byte
// blobs (other ids, such as the fixed ids of settings rows, stay text), operations as small numbers.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeId(id: string): Buffer | string {
  return UUID.test(id) ? Buffer.from(id.replaceAll('-', ''), 'hex') : id;
}

export function encodeOptionalId(id: string | null | undefined): Buffer | string | null {
  return id === null || id === undefined ? null : encodeId(id);
}

export function decodeId(value: Buffer | Uint8Array | string): string {
  if (typeof value === 'string') return value;
  const hex = Buffer.from(value).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// The numbers are stored in files: append only, never renumber (the view in migration 0013 spells them out).
export const OP_CODES: Record<ChangeOp, number> = { create: 1, update: 2, delete: 3, restore: 4, record: 5, purge: 6, evict: 7 };
const OPS_BY_CODE = new Map(Object.entries(OP_CODES).map(([op, code]) => [code, op as ChangeOp]));

export function opOfCode(code: number): ChangeOp {
  const op = OPS_BY_CODE.get(code);
  if (!op) throw new Error(`Unknown change-log operation ${code}`);
  return op;
}

/**
 * A logged whole record (create), stored small: fields left empty are not stored (they read back
 * as null); field names are their numbers in log_names (`nameNumber`); a `customerId` equal to the
 * entry's own root id is the key "0" with no value worth storing. Migration 0014's view
 * `change_log_entries` spells it all back out, so readers never see this form.
 */
export function encodeRecord(record: Record<string, unknown>, nameNumber: (name: string) => number, rootId: string | null): string {
  // Written by hand: an object with integer-like keys would be serialised in numeric order, and the
  // record's own field order (what history shows first) must survive.
  const parts: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) continue;
    if (key === 'customerId' && value === rootId) parts.push('"0":0');
    else parts.push(`"${nameNumber(key)}":${JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}
