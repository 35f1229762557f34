import { useTranslation } from 'react-i18next';
import { useDataVersion } from '../app/app-store';
import { QueryBuilder } from './QueryBuilder';
import { QueryFormSettings } from './QueryFormSettings';
import { QueryHeader } from './QueryHeader';
import { useQuery } from './query-store';
import { ResultsPanel } from './ResultsPanel';
import { SavedQueriesPanel } from './SavedQueriesPanel';
import { SimpleQueryForm } from './SimpleQueryForm';
import { useChangeVersion } from './use-change-version';
import { useLiveCount } from './use-live-count';
import '../customers/customers.css';
import './queries.css';

/** 查询: saved queries on the left; the simple form, the builder or the form settings; the results below. */
export function QueriesScreen() {
  const { t } = useTranslation();
  const tab = useQuery((s) => s.tab);
  const definition = useQuery((s) => s.definition);
  const ran = useQuery((s) => s.ran);
  const runSeq = useQuery((s) => s.runSeq);
  const saved = useQuery((s) => s.saved);
  const folderName = useQuery((s) => s.folderName);
  // Data and folders change what a query matches: the live count follows.
  const version = useDataVersion((s) => s.customers) + useChangeVersion(['favouriteItem', 'order', 'businessRecord', 'customField']);
  const live = useLiveCount(definition, version);
  const title = saved?.name ?? folderName ?? '';

  return (
    <div className="queries-screen" data-testid="queries-screen">
      <SavedQueriesPanel />
      <div className="qb-main">
        <QueryHeader live={live} />
        <div className={`qb-top${tab === 'forms' ? ' full' : ''}`}>
          {tab === 'builder' ? <QueryBuilder /> : null}
          {tab === 'simple' ? <SimpleQueryForm /> : null}
          {tab === 'forms' ? <QueryFormSettings /> : null}
        </div>
        {tab !== 'forms' ? (
          ran ? (
            <ResultsPanel definition={ran} runSeq={runSeq} title={title} />
          ) : (
            <div className="qb-results muted pad" data-testid="query-results-empty">
              {t('results.notRun')}
            </div>
          )
        ) : null}
      </div>
    </div>
  );
}
