import { customerHistory } from '../services/history/history-service';
import { historyLexicon } from '../services/history/history-lexicon';
import type { Handlers, RouterDeps } from './handlers';

export function createHistoryHandlers({ host }: RouterDeps): Pick<Handlers, 'customers.historyView'> {
  return {
    'customers.historyView': ({ id, limit }) => {
      const entries = customerHistory(host.workspace, id, limit);
      return { entries, lexicon: historyLexicon(host.workspace, entries) };
    },
  };
}
