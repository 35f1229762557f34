import { useTranslation } from 'react-i18next';
import { useApp } from '../app/app-store';
import { useQueriesData } from './queries-data';
import { useQuery } from './query-store';

/** Pinned saved queries in the sidebar, each with its live count; a broken one shows a warning instead. */
export function PinnedQueries() {
  const { t } = useTranslation();
  const saved = useQueriesData((s) => s.saved);
  const pinned = useQueriesData((s) => s.pinned);
  const screen = useApp((s) => s.screen);
  const openId = useQuery((s) => s.saved?.id ?? null);
  const list = saved.filter((q) => q.pinned);
  if (list.length === 0) return null;
  return (
    <div className="side-section" data-testid="sidebar-pinned">
      <div className="side-title">{t('navQueries.pinned')}</div>
      {list.map((q) => {
        const c = pinned[q.id];
        const broken = c?.broken ?? q.problems.length > 0;
        return (
          <button
            key={q.id}
            type="button"
            className={`side-item${screen === 'queries' && openId === q.id ? ' active' : ''}`}
            data-testid="pinned-query"
            data-id={q.id}
            data-name={q.name}
            data-count={c?.count ?? ''}
            data-broken={broken}
            title={q.name}
            onClick={() => useQuery.getState().openSaved(q)}
          >
            <span className="side-name">{q.name}</span>
            {broken ? (
              <span className="side-warn" data-testid="pinned-query-broken" title={t('navQueries.broken')}>
                ⚠
              </span>
            ) : (
              <span className="side-count" data-testid="pinned-query-count">
                {c?.count?.toLocaleString() ?? '…'}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
