import { z } from 'zod';
import { CHANGE_OPS, ENTITIES } from '../../../src-shared/domain/change-log';
import { KecardError } from '../../../src-shared/errors';
import type { OriginChange } from '../../changelog/apply/log-entries';
import type { LoggedChange } from '../../changelog/apply/apply-change';
import type { ChangeOrigin } from '../../changelog/write-tx';

// A bundle's payload: NDJSON, one log entry per line as an array (names once per bundle in the
// first line's site list; the compressor takes care of the rest of the repetition). Every line is
// checked before anything is written.

export interface BundleEntry {
  change: LoggedChange;
  origin: ChangeOrigin;
}

const id = z.string().min(1).max(200);
const nullableText = z.string().max(10_000).nullable();
const lineSchema = z.tuple([
  z.number().int().min(0), // site index
  z.number().int().min(1), // seq
  z.number().int().min(0), // hlc
  z.number().int().min(0), // at (ms)
  z.string().max(200), // user id
  z.string().max(200), // user name
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
]);
const headSchema = z.object({
  sites: z.array(id).max(100_000),
  /** Customers entering the recipient's scope (their whole history is in the bundle) and leaving it. */
  scopeIn: z.array(id).max(10_000_000).optional(),
  scopeOut: z.array(id).max(10_000_000).optional(),
});

export interface ScopeChanges {
  scopeIn: string[];
  scopeOut: string[];
}

export function encodeEntries(entries: readonly OriginChange[], scope?: ScopeChanges): Buffer {
  const sites: string[] = [];
  const index = new Map<string, number>();
  const siteOf = (siteId: string) => {
    let n = index.get(siteId);
    if (n === undefined) {
      n = sites.length;
      sites.push(siteId);
      index.set(siteId, n);
    }
    return n;
  };
  const lines = entries.map(({ change: c, origin: o }) =>
    JSON.stringify([
      siteOf(o.siteId),
      o.seq,
      o.hlc,
      o.at,
      o.userId,
      o.userName,
      o.source,
      o.undoOf ? [siteOf(o.undoOf.siteId), o.undoOf.seq] : null,
      c.op,
      c.entity,
      c.entityId,
      c.rootId,
      c.field,
      c.oldValue ?? null,
      c.newValue ?? null,
      c.effectiveDate,
    ]),
  );
  const head = scope && (scope.scopeIn.length > 0 || scope.scopeOut.length > 0) ? { sites, ...scope } : { sites };
  return Buffer.from([JSON.stringify(head), ...lines].join('\n'), 'utf8');
}

/** The payload's entries and the scope changes it carries. */
export function decodePayload(payload: Buffer): { entries: BundleEntry[]; scope: ScopeChanges } {
  const text = payload.toString('utf8');
  const lines = text.length === 0 ? [] : text.split('\n');
  const head = headSchema.safeParse(parse(lines[0] ?? '{"sites":[]}'));
  if (!head.success) throw badEntries('head');
  const sites = head.data.sites;
  const site = (n: number) => {
    const s = sites[n];
    if (s === undefined) throw badEntries('site index');
    return s;
  };
  const entries = lines.slice(1).map((line) => {
    const parsed = lineSchema.safeParse(parse(line));
    if (!parsed.success) throw badEntries(parsed.error.issues[0]?.message ?? 'line');
    const [s, seq, hlc, at, userId, userName, source, undo, op, entity, entityId, rootId, field, oldValue, newValue, effectiveDate] = parsed.data;
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
