import { singletonId } from '../changelog/singleton-ids';
import { KecardError } from '../../src-shared/errors';
import { normaliseHeader } from '../../src-shared/import/header-synonyms';
import type { CallContext } from '../changelog/call-context';
import { runWrite } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { insertRow, readRow, setDeleted, updateRow } from '../services/shared/entity-writes';

export interface MappingTemplate {
  id: string;
  name: string;
  target: string;
  /** Normalised header → field. */
  mapping: Record<string, string | null>;
}

export function listMappingTemplates(ws: Workspace, target?: string): MappingTemplate[] {
  const rows = ws.db
    .prepare('SELECT id, name, target, mapping FROM import_mappings WHERE deleted = 0 AND (? IS NULL OR target = ?) ORDER BY updated_at DESC')
    .all(target ?? null, target ?? null) as { id: string; name: string; target: string; mapping: string }[];
  return rows.map((r) => ({ ...r, mapping: JSON.parse(r.mapping) as Record<string, string | null> }));
}

/** Saves the wizard's column mapping keyed by header text, so it also fits the next file with the same headers. */
export function saveMappingTemplate(
  ws: Workspace,
  ctx: CallContext,
  name: string,
  target: string,
  headers: string[],
  byColumn: Record<string, string | null>,
): MappingTemplate {
  const mapping: Record<string, string | null> = {};
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (key && Object.hasOwn(byColumn, String(i))) mapping[key] = byColumn[String(i)] ?? null;
  });
  const existing = listMappingTemplates(ws, target).find((t) => t.name === name);
  const id = existing?.id ?? singletonId('importMapping', target, name);
  runWrite(ws, ctx, (tx) => {
    const row = readRow(tx, 'importMapping', id);
    if (!row) insertRow(tx, 'importMapping', null, id, { name, target, mapping });
    else {
      // A template deleted earlier under this name comes back (its id is the name's).
      if (row.deleted === 1) setDeleted(tx, 'importMapping', null, id, false);
      updateRow(tx, 'importMapping', null, readRow(tx, 'importMapping', id) as Record<string, unknown>, { mapping });
    }
  });
  return { id, name, target, mapping };
}

export function deleteMappingTemplate(ws: Workspace, ctx: CallContext, id: string): void {
  runWrite(ws, ctx, (tx) => {
    const row = readRow(tx, 'importMapping', id);
    if (!row || row.deleted === 1) throw new KecardError('NOT_FOUND', 'Mapping not found.', { id });
    setDeleted(tx, 'importMapping', null, id, true);
  });
}

/** The remembered mapping that covers most of these headers (earlier imports of the same kind of file). */
export function rememberedMapping(ws: Workspace, target: string, headers: string[]): Record<string, string | null> {
  const keys = new Set(headers.map(normaliseHeader));
  let best: Record<string, string | null> = {};
  let bestHits = 0;
  for (const t of listMappingTemplates(ws, target)) {
    const hits = Object.keys(t.mapping).filter((k) => keys.has(k)).length;
    if (hits > bestHits) {
      best = t.mapping;
      bestHits = hits;
    }
  }
  return best;
}
