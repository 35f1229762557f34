import { actorOf, appendAudit } from '../people/audit-log';
import { listAudit } from '../people/audit-query';
import type { Handlers, RouterDeps } from './handlers';

type Names = 'audit.list' | 'audit.noteOutput';

/** 审计日志: reading the trail (manager) and recording what the renderer printed or saved itself. */
export function createAuditHandlers({ host }: RouterDeps): Pick<Handlers, Names> {
  const ws = () => host.workspace;
  return {
    'audit.list': (input) => listAudit(ws(), input),
    'audit.noteOutput': ({ what, subject, format, customerId, rowCount }, ctx) => {
      appendAudit(ws(), {
        action: what === 'print' ? 'printed' : 'exported',
        actor: actorOf(ctx),
        customerId: customerId ?? null,
        rowCount: rowCount ?? null,
        detail: { what: subject, ...(format ? { format } : {}), by: 'renderer' },
      });
      return { ok: true as const };
    },
  };
}
