import type { KecardEvent } from '../../src-shared/contract/events';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import { scopeFor, scopeParams, scopeTest, withScope } from './record-scope';

// `data.changed` names the cards (root ids) a change touched, so an open card knows whether to
// re-read. A customer's id outside the receiver's record scope is not theirs to learn — not even
// that a colleague's customer was just changed — so the event each window gets names only the
// customers it may see (ids of other things — employees, products, settings — stay).

/** The event as `ctx` may receive it; any other event unchanged. */
export function eventFor(ws: Workspace, ctx: CallContext, event: KecardEvent): KecardEvent {
  if (event.type !== 'data.changed' || !event.ids) return event;
  // Signed out: the window shows no customer, and learns no id.
  if (ctx.signedOut) return { ...event, ids: [] };
  try {
    const scope = scopeFor(ws, ctx);
    if (!scope) return event;
    const hidden = withScope(
      scope,
      () =>
        new Set(
          ws.db
            .prepare(
              `SELECT j.value FROM json_each(@ids) j WHERE EXISTS (SELECT 1 FROM customers WHERE id = j.value) AND NOT ${scopeTest('j.value')}`,
            )
            .pluck()
            .all({ ids: JSON.stringify(event.ids), ...scopeParams() }) as string[],
        ),
    );
    return hidden.size === 0 ? event : { ...event, ids: event.ids.filter((id) => !hidden.has(id)) };
  } catch {
    // The file busy or closing: the event without ids (every screen re-reads what it shows).
    const { ids: _ids, ...rest } = event;
    return rest;
  }
}
