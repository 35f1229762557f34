import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, type QueryTab } from './query-store';
import { SaveQueryDialog } from './SaveQueryDialog';
import type { LiveCount } from './use-live-count';

const TABS: { id: QueryTab; label: string }[] = [
  { id: 'simple', label: 'qb.tabSimple' },
  { id: 'builder', label: 'qb.tabBuilder' },
  { id: 'forms', label: 'qb.tabForms' },
];

/** Title, tabs, entity switch, live count and the run / save buttons of the query screen. */
export function QueryHeader({ live }: { live: LiveCount }) {
  const { t } = useTranslation();
  const tab = useQuery((s) => s.tab);
  const entity = useQuery((s) => s.definition.entity);
  const saved = useQuery((s) => s.saved);
  const folderName = useQuery((s) => s.folderName);
  const problems = useQuery((s) => s.problems);
  const [saving, setSaving] = useState<'save' | 'saveAs' | null>(null);
  const s = useQuery.getState();
  const broken = problems.filter((p) => p.code !== 'missingValue');
  const title = saved?.name ?? (folderName ? t('fav.folderQuery', { name: folderName }) : t('saved.unsaved'));

  return (
    <header className="qb-header">
      <div className="toolbar">
        <h2 className="qb-title" data-testid="query-title">
          {title}
        </h2>
        {saved?.shared ? <span className="qb-badge shared">{t('saved.sharedBadge')}</span> : null}
        {saved?.pinned ? <span className="qb-badge">{t('saved.pinnedBadge')}</span> : null}
        <span className="toolbar-spacer" />
        <button type="button" data-testid="query-new" onClick={() => s.newQuery()}>
          {t('saved.newQuery')}
        </button>
        <button type="button" data-testid="query-save" onClick={() => setSaving(saved?.mine ? 'save' : 'saveAs')}>
          {t('saved.save')}
        </button>
        <button type="button" data-testid="query-save-as" disabled={!saved} onClick={() => setSaving('saveAs')}>
          {t('saved.saveAs')}
        </button>
      </div>
      <div className="toolbar qb-tabs-bar">
        <nav className="tabs" role="tablist">
          {TABS.map((x) => (
            <button
              key={x.id}
              type="button"
              role="tab"
              aria-selected={tab === x.id}
              className={`tab${tab === x.id ? ' active' : ''}`}
              data-testid={`query-tab-${x.id}`}
              onClick={() => s.setTab(x.id)}
            >
              {t(x.label)}
            </button>
          ))}
        </nav>
        <span className="muted">{t('qb.entity')}</span>
        <div className="segmented" role="group">
          {(['customer', 'contact'] as const).map((e) => (
            <button
              key={e}
              type="button"
              className={entity === e ? 'on' : ''}
              aria-pressed={entity === e}
              data-testid={`qb-entity-${e}`}
              onClick={() => s.setEntity(e)}
            >
              {t(e === 'customer' ? 'qb.entityCustomer' : 'qb.entityContact')}
            </button>
          ))}
        </div>
        <span className="toolbar-spacer" />
        {tab === 'builder' ? (
          <>
            <span className="qb-count" data-testid="qb-count" data-count={live.count ?? ''} data-busy={live.busy}>
              {broken.length > 0
                ? t('navQueries.broken')
                : problems.length > 0
                  ? t('qb.incomplete', { n: problems.length })
                  : live.count === null
                    ? (live.error ?? t('qb.counting'))
                    : t('qb.count', { n: live.count.toLocaleString() })}
            </span>
            <button type="button" data-testid="qb-clear" onClick={() => s.setWhere({ kind: 'group', op: 'and', children: [] })}>
              {t('qb.clear')}
            </button>
            <button type="button" className="primary" data-testid="qb-run" disabled={problems.length > 0 || live.busy} onClick={() => s.run()}>
              {t('qb.run')}
            </button>
          </>
        ) : null}
      </div>
      {broken.length > 0 ? (
        <div className="banner banner-error" data-testid="qb-broken-banner">
          {t('qb.brokenBanner', { n: broken.length })}
        </div>
      ) : null}
      {saving ? <SaveQueryDialog asNew={saving === 'saveAs'} onClose={() => setSaving(null)} /> : null}
    </header>
  );
}
