import type { FieldAccess } from '../../src-shared/domain/permissions';
import { SEARCH_BLIND, type SearchSourceName } from '../services/search/search-blind';
import type { FieldView } from './field-view';

// Quick search's sources (the search document: services/search/search-index.ts) and the field
// rule each follows. A source hidden or masked for the caller finds nothing for them: a match on
// a masked phone would tell its digits one by one, as a condition on it would (field-guard.ts).

const SOURCES: Record<SearchSourceName, ['customer' | 'contact', string]> = {
  name: ['customer', 'name'],
  shortName: ['customer', 'shortName'],
  code: ['customer', 'code'],
  email: ['customer', 'email'],
  phones: ['customer', 'phones'],
  contactName: ['contact', 'name'],
  contactMobile: ['contact', 'mobile'],
  contactPhone: ['contact', 'phone'],
};

const inClear = (access: FieldAccess) => access === 'editable' || access === 'readOnly';

/** The quick-search sources the caller may not see in clear, as search-blind.ts's bits (0: none, the usual case). */
export function searchBlindOf(view: FieldView | null): number {
  if (!view?.restricted) return 0;
  let blind = 0;
  for (const [source, [entity, field]] of Object.entries(SOURCES) as [SearchSourceName, ['customer' | 'contact', string]][]) {
    if (!inClear(view.builtIn(entity, field))) blind |= SEARCH_BLIND[source];
  }
  return blind;
}
