import type { KecardEvent } from '../../src-shared/contract/events';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import { existingIndexes, indexName, missingIndexes } from '../services/custom-fields/field-indexes';
import { OPEN_END, pendingSearchRanges } from '../services/search/search-backlog';
import type { JobRunner } from './job-runner';

export type IndexState = 'none' | 'building' | 'pending' | 'ready';

/**
 * Keeps derived indexes built — the indexes of indexed custom fields, and the quick-search
 * documents a large import left in the search backlog: whenever field definitions change or a
 * workspace opens, an 'index' job starts if some index is missing and none is running. One job
 * builds every missing index and a finished job looks again, so fields marked meanwhile are not
 * forgotten. After a cancel it waits for the next change, the next open or an explicit request.
 */
export class FieldIndexJobs {
  private jobId: string | null = null;
  private path: string | null = null;

  constructor(
    private readonly jobs: JobRunner,
    private readonly current: () => { ws: Workspace; ctx: CallContext } | null,
  ) {}

  /** Starts a build if one is needed; returns the running job's id, or null when all are built. */
  schedule(): string | null {
    if (this.jobId) return this.jobId;
    const cur = this.current();
    if (!cur || (missingIndexes(cur.ws).length === 0 && pendingSearchRanges(cur.ws).length === 0)) return null;
    this.path = cur.ws.path;
    this.jobId = this.jobs.start('index', cur.ws.path, {}, cur.ctx);
    return this.jobId;
  }

  /** Only the backlog (one read): customers change all the time, field indexes do not go missing with them. */
  private scheduleIfSearchPending(): void {
    const cur = this.current();
    if (!this.jobId && cur && pendingSearchRanges(cur.ws).some(([, to]) => to !== OPEN_END)) this.schedule();
  }

  cancel(): void {
    if (this.jobId) this.jobs.cancel(this.jobId);
  }

  /**
   * Every event main emits passes here (see compose-app). A build that cannot start or fails is
   * left for the next trigger (never retried in a loop), and never fails the call that emitted.
   */
  observe(event: KecardEvent): void {
    try {
      this.react(event);
    } catch (err) {
      console.error('[kecard] could not start the index job', err);
    }
  }

  private react(event: KecardEvent): void {
    if (event.type === 'job.finished' && event.jobId === this.jobId) {
      this.jobId = null;
      this.path = null;
      if (event.ok) this.schedule();
    } else if (event.type === 'workspace.changed' && event.info) this.schedule();
    else if (event.type === 'data.changed' && event.entities.some((e) => e === 'customField' || e === 'businessType')) this.schedule();
    // Writers (demo data, an import, a sync bundle — a cancelled one's committed chunks too) may
    // leave fields without their index, or customers without their search documents.
    else if (event.type === 'job.finished' && (event.kind === 'demo' || event.kind === 'import' || event.kind === 'sync')) this.schedule();
    // A large sync bundle leaves its new customers' search documents to the backlog (apply-bundle.ts).
    else if (event.type === 'data.changed' && event.entities.includes('customer')) this.scheduleIfSearchPending();
  }

  /** What the field manager shows next to an indexed field. */
  states(ws: Workspace, fields: readonly CustomField[]): Map<string, IndexState> {
    const have = existingIndexes(ws);
    const building = this.jobId !== null && this.path === ws.path;
    return new Map(
      fields.map((f) => {
        if (!f.indexed || f.type === 'computedTotal') return [f.id, 'none'];
        if (have.has(indexName(f.columnName))) return [f.id, 'ready'];
        return [f.id, building ? 'building' : 'pending'];
      }),
    );
  }
}
