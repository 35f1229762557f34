import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedQueryDto } from '../../src-shared/contract/query-methods';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { confirmAsk } from '../components/confirm-store';
import { PromptDialog } from '../components/PromptDialog';
import { toast } from '../components/toast-store';
import { useQueriesData } from './queries-data';
import { useQuery } from './query-store';

/** 保存的查询: the caller's own and the shared ones; open, rename, pin, delete. */
export function SavedQueriesPanel() {
  const { t } = useTranslation();
  const saved = useQueriesData((s) => s.saved);
  const openId = useQuery((s) => s.saved?.id ?? null);
  const [renaming, setRenaming] = useState<SavedQueryDto | null>(null);

  const refresh = () => Promise.all([useQueriesData.getState().loadSaved(), useQueriesData.getState().loadPinned()]);
  const togglePin = async (q: SavedQueryDto) => {
    try {
      await api.queries.update({ id: q.id, patch: { pinned: !q.pinned } });
      await refresh();
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const remove = async (q: SavedQueryDto) => {
    if (!(await confirmAsk(t('saved.confirmDelete', { name: q.name }), true))) return;
    try {
      await api.queries.delete({ id: q.id });
      if (useQuery.getState().saved?.id === q.id) useQuery.getState().setSaved(null);
      await refresh();
      toast.success(t('saved.deleted', { name: q.name }));
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };

  return (
    <aside className="qb-saved" data-testid="saved-queries">
      <div className="qb-saved-title">{t('saved.title')}</div>
      {saved.length === 0 ? <div className="muted small pad">{t('saved.empty')}</div> : null}
      {saved.map((q) => (
        <div key={q.id} className={`qb-saved-item${openId === q.id ? ' active' : ''}`} data-testid="saved-query" data-id={q.id} data-name={q.name}>
          <button
            type="button"
            className="qb-saved-open"
            data-testid="saved-query-open"
            title={q.mine ? undefined : t('saved.owner', { name: q.ownerName })}
            onClick={() => useQuery.getState().openSaved(q)}
          >
            <span className="qb-saved-name">{q.name}</span>
            <span className="qb-badges">
              {q.entity === 'contact' ? <span className="qb-badge">{t('qb.entityContact')}</span> : null}
              {q.shared ? <span className="qb-badge shared">{t('saved.sharedBadge')}</span> : null}
              {q.problems.length > 0 ? (
                <span className="qb-badge warn" data-testid="saved-query-broken">
                  ⚠ {t('saved.brokenBadge', { n: q.problems.length })}
                </span>
              ) : null}
            </span>
          </button>
          {q.mine ? (
            <span className="qb-saved-actions">
              <button
                type="button"
                className="icon"
                data-testid="saved-query-pin"
                aria-pressed={q.pinned}
                title={t(q.pinned ? 'saved.unpin' : 'saved.pin')}
                onClick={() => void togglePin(q)}
              >
                {q.pinned ? '★' : '☆'}
              </button>
              <button type="button" className="icon" data-testid="saved-query-rename" title={t('saved.rename')} onClick={() => setRenaming(q)}>
                ✎
              </button>
              <button
                type="button"
                className="icon danger-icon"
                data-testid="saved-query-delete"
                title={t('saved.delete')}
                onClick={() => void remove(q)}
              >
                ✕
              </button>
            </span>
          ) : null}
        </div>
      ))}
      {renaming ? (
        <PromptDialog
          title={t('saved.renameTitle')}
          label={t('saved.name')}
          initial={renaming.name}
          testId="rename-query"
          onClose={() => setRenaming(null)}
          onSubmit={async (name) => {
            try {
              const q = await api.queries.update({ id: renaming.id, patch: { name } });
              if (useQuery.getState().saved?.id === q.id)
                useQuery.getState().setSaved({ id: q.id, name: q.name, shared: q.shared, pinned: q.pinned, mine: q.mine });
              await useQueriesData.getState().loadSaved();
              setRenaming(null);
              return null;
            } catch (err) {
              return errorText(t, err);
            }
          }}
        />
      ) : null}
    </aside>
  );
}
