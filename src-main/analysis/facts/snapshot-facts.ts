import { ChangeCursor } from '../../changelog/change-cursor';
import type { Workspace } from '../../db/workspace';
import type { SalesFacts } from './sales-facts';

/**
 * One classification period held by customer index (as in SalesFacts): the class each customer
 * got (a code into `keys`, 0 = not in the run) and whether the revenue it was classed by was
 * positive, zero or negative. Snapshots change only when a scheme is applied (logged as a
 * `classificationRun`, or a scheme saved or deleted), so a period read once serves every later
 * comparison until then: the transitions report then walks two typed arrays instead of joining
 * two runs of 1M rows each.
 */
export interface PeriodClasses {
  classOf: Uint16Array;
  revenueSign: Int8Array;
  /** Class key of each code (code − 1); shared by the periods of one workspace. */
  keys: readonly string[];
}

const SNAPSHOT_ENTITIES = "('classificationRun', 'classificationScheme')";
/** Beyond this many log rows to look through, forgetting every period is cheaper. */
const MAX_SCAN = 50_000;

class SnapshotCache {
  readonly cursor = new ChangeCursor();
  facts: SalesFacts | null = null;
  factsGeneration = -1;
  readonly keys: string[] = [];
  readonly periods = new Map<string, PeriodClasses>();

  code(key: string): number {
    let i = this.keys.indexOf(key);
    if (i < 0) i = this.keys.push(key) - 1;
    return i + 1;
  }
}

const caches = new Map<string, SnapshotCache>();

/** The period's classes by customer index of `facts` (which must be current). */
export function periodClasses(ws: Workspace, facts: SalesFacts, schemeId: string, period: string): PeriodClasses {
  let cache = caches.get(ws.path);
  if (!cache) caches.set(ws.path, (cache = new SnapshotCache()));
  const c = cache;
  return ws.db.transaction(() => {
    const { top, topId, continues } = c.cursor.peek(ws);
    const stale =
      !continues ||
      c.facts !== facts ||
      c.factsGeneration !== facts.generation ||
      (top > c.cursor.position &&
        (top - c.cursor.position > MAX_SCAN ||
          ws.db
            .prepare(
              `SELECT 1 FROM change_log WHERE n > ? AND n <= ? AND entity IN (SELECT n FROM log_names WHERE name IN ${SNAPSHOT_ENTITIES}) LIMIT 1`,
            )
            .get(c.cursor.position, top) !== undefined));
    if (stale) {
      c.periods.clear();
      c.facts = facts;
      c.factsGeneration = facts.generation;
    }
    c.cursor.moveTo(top, topId);
    const key = JSON.stringify([schemeId, period]);
    let p = c.periods.get(key);
    if (!p) {
      p = readPeriod(ws, facts, c, schemeId, period);
      c.periods.set(key, p);
    }
    return p;
  })();
}

function readPeriod(ws: Workspace, facts: SalesFacts, cache: SnapshotCache, schemeId: string, period: string): PeriodClasses {
  const classOf = new Uint16Array(facts.customerCount);
  const revenueSign = new Int8Array(facts.customerCount);
  const rows = ws.db
    .prepare(
      `SELECT customer_id, class, CASE WHEN revenue > 0 THEN 1 WHEN revenue < 0 THEN -1 ELSE 0 END FROM
         (SELECT customer_id, class, json_extract(metrics, '$.revenue') AS revenue FROM classification_snapshots WHERE scheme_id = ? AND period = ?)`,
    )
    .raw(true)
    .iterate(schemeId, period) as IterableIterator<[string, string, number | null]>;
  for (const [customerId, cls, sign] of rows) {
    const i = facts.customerOf(customerId);
    if (i < 0) continue;
    classOf[i] = cache.code(cls);
    revenueSign[i] = sign ?? 0;
  }
  return { classOf, revenueSign, keys: cache.keys };
}
