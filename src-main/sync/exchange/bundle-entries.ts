import { z } from 'zod';
import { CHANGE_OPS, ENTITIES } from '../../../src-shared/domain/change-log';
import { KecardError } from '../../../src-shared/errors';
import type { OriginChange } from '../../changelog/apply/log-entries';
import type { LoggedChange } from '../../changelog/apply/apply-change';
import type { ChangeOrigin } from '../../changelog/write-tx';

// A bundle's payload: NDJSON, one log entry per line as an array, every line checked before
// anything is written. The first line names what lines refer to by number: sites, and (since the
// compact lines below) users and the field names of created records.
//
// A line has 16 elements, or 17 with flags last (the compact form, what encodeEntries writes):
//   1: the new value of a create is its record packed as [field number, value, …] in the record's
//      order (field names were a third of a line: 636 → 455 bytes for a demo customer, which
//      the compressor, the encryption and both ends' JSON handle proportionally less of);
//   2: the root id is the entity id (null in its place);
//   4: the user is a number in the first line's users (user name null).
// A reader without the compact form refuses such a line (the tuple is longer) rather than
// misreading it.

export interface BundleEntry {
  change: LoggedChange;
  origin: ChangeOrigin;
}

const id = z.string().min(1).max(200);
const nullableText = z.string().max(10_000).nullable();
const lineSchema = z.tuple(
  [
    z.number().int().min(0), // site index
    z.number().int().min(1), // seq
    z.number().int().min(0), // hlc
    z.number().int().min(0), // at (ms)
    z.union([z.string().max(200), z.number().int().min(0)]), // user id, or (flag 4) user index
    z.string().max(200).nullable(), // user name (null with flag 4)
    nullableText, // source
    z.tuple([z.number().int().min(0), z.number().int().min(1)]).nullable(), // undo of (site index, seq)
    z.enum(CHANGE_OPS),
    z.enum(ENTITIES),
    id, // entity id
    id.nullable(), // root id
    z.string().max(200).nullable(), // field
    z.unknown(), // old value
    z.unknown(), // new value
    z.string().max(40).nullable(), // effective date
  ],
  z.number().int().min(0).max(7), // flags (the compact form)
);
const headSchema = z.object({
  sites: z.array(id).max(100_000),
  users: z
    .array(z.tuple([z.string().max(200), z.string().max(200)]))
    .max(1_000_000)
    .optional(),
  fields: z.array(z.string().min(1).max(200)).max(100_000).optional(),
  /** Customers entering the recipient's scope (their whole history is in the bundle) and leaving it. */
  scopeIn: z.array(id).max(10_000_000).optional(),
  scopeOut: z.array(id).max(10_000_000).optional(),
});

export interface ScopeChanges {
  scopeIn: string[];
  scopeOut: string[];
}

const PACKED_RECORD = 1;
const ROOT_IS_ENTITY = 2;
const USER_INDEXED = 4;

/** Numbers for names in the order first met, for the first line. */
class Numbering<T> {
  readonly list: T[] = [];
  private readonly index = new Map<string, number>();
  of(key: string, value: T): number {
    let n = this.index.get(key);
    if (n === undefined) {
      n = this.list.length;
      this.list.push(value);
      this.index.set(key, n);
    }
    return n;
  }
}

export function encodeEntries(entries: readonly OriginChange[], scope?: ScopeChanges): Buffer {
  const sites = new Numbering<string>();
  const users = new Numbering<[string, string]>();
  const fields = new Numbering<string>();
  const siteOf = (siteId: string) => sites.of(siteId, siteId);
  const lines = entries.map(({ change: c, origin: o }) => {
    const packed = c.op === 'create' && isRecord(c.newValue);
    const rootIsEntity = c.rootId === c.entityId;
    let newValue = c.newValue ?? null;
    if (packed) {
      const pairs: unknown[] = [];
      for (const [field, value] of Object.entries(c.newValue as Record<string, unknown>)) pairs.push(fields.of(field, field), value ?? null);
      newValue = pairs;
    }
    return JSON.stringify([
      siteOf(o.siteId),
      o.seq,
      o.hlc,
      o.at,
      users.of(`${o.userId}\u0000${o.userName}`, [o.userId, o.userName]),
      null,
      o.source,
      o.undoOf ? [siteOf(o.undoOf.siteId), o.undoOf.seq] : null,
      c.op,
      c.entity,
      c.entityId,
      rootIsEntity ? null : c.rootId,
      c.field,
      c.oldValue ?? null,
      newValue,
      c.effectiveDate,
      USER_INDEXED | (packed ? PACKED_RECORD : 0) | (rootIsEntity ? ROOT_IS_ENTITY : 0),
    ]);
  });
  const scoped = scope && (scope.scopeIn.length > 0 || scope.scopeOut.length > 0) ? scope : {};
  const head = JSON.stringify({ sites: sites.list, users: users.list, fields: fields.list, ...scoped });
  return Buffer.from([head, ...lines].join('\n'), 'utf8');
}

/** The payload's entries and the scope changes it carries. */
export function decodePayload(payload: Buffer): { entries: BundleEntry[]; scope: ScopeChanges } {
  const text = payload.toString('utf8');
  const lines = text.length === 0 ? [] : text.split('\n');
  const head = headSchema.safeParse(parse(lines[0] ?? '{"sites":[]}'));
  if (!head.success) throw badEntries('head');
  const { sites, users = [], fields = [] } = head.data;
  const site = (n: number) => {
    const s = sites[n];
    if (s === undefined) throw badEntries('site index');
    return s;
  };
  const entries = lines.slice(1).map((line) => {
    const parsed = lineSchema.safeParse(parse(line));
    if (!parsed.success) throw badEntries(parsed.error.issues[0]?.message ?? 'line');
    const [s, seq, hlc, at, userRef, name, source, undo, op, entity, entityId, rootRef, field, oldValue, stored, effectiveDate, ...rest] =
      parsed.data;
    if (rest.length > 1) throw badEntries('line');
    const flags = rest[0] ?? 0;
    let userId: string;
    let userName: string;
    if (flags & USER_INDEXED) {
      const user = typeof userRef === 'number' ? users[userRef] : undefined;
      if (!user || name !== null) throw badEntries('user index');
      [userId, userName] = user;
    } else {
      if (typeof userRef !== 'string' || name === null) throw badEntries('user');
      userId = userRef;
      userName = name;
    }
    if (flags & ROOT_IS_ENTITY && rootRef !== null) throw badEntries('root id');
    const rootId = flags & ROOT_IS_ENTITY ? entityId : rootRef;
    const newValue = flags & PACKED_RECORD ? unpack(stored, fields, op) : stored;
    return {
      origin: { siteId: site(s), seq, hlc, at, userId, userName, source, undoOf: undo ? { siteId: site(undo[0]), seq: undo[1] } : null },
      change: { op, entity, entityId, rootId, field, oldValue, newValue, effectiveDate },
    };
  });
  return { entries, scope: { scopeIn: head.data.scopeIn ?? [], scopeOut: head.data.scopeOut ?? [] } };
}

export function decodeEntries(payload: Buffer): BundleEntry[] {
  return decodePayload(payload).entries;
}

/** A packed create record back as the record, its fields in their order. */
function unpack(stored: unknown, fields: readonly string[], op: string): Record<string, unknown> {
  if (op !== 'create' || !Array.isArray(stored) || stored.length % 2 !== 0) throw badEntries('packed record');
  const record: Record<string, unknown> = {};
  for (let i = 0; i < stored.length; i += 2) {
    const n: unknown = stored[i];
    const name = typeof n === 'number' ? fields[n] : undefined;
    // JSON.parse makes "__proto__" an own key; an assignment would set the prototype instead.
    if (name === undefined || name === '__proto__' || Object.hasOwn(record, name)) throw badEntries('field index');
    record[name] = stored[i + 1];
  }
  return record;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw badEntries('not JSON');
  }
}

function badEntries(why: string): KecardError {
  return new KecardError('SYNC_REFUSED', `The bundle's changes cannot be read (${why}).`, { reason: 'badEntries' });
}
