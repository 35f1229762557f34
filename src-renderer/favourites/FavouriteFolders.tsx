import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FavouriteFolderDto } from '../../src-shared/contract/query-methods';
import { api } from '../api/client';
import { errorText, formFieldErrors } from '../api/errors';
import { useApp } from '../app/app-store';
import { confirmAsk } from '../components/confirm-store';
import { PromptDialog } from '../components/PromptDialog';
import { toast } from '../components/toast-store';
import { useQueriesData } from '../queries/queries-data';
import { useQuery } from '../queries/query-store';

type Editing = { kind: 'new' } | { kind: 'rename'; folder: FavouriteFolderDto };

/** 收藏夹 of customers or contacts in the sidebar: open one as a query, create, rename, delete. */
export function FavouriteFolders({ entity }: { entity: 'customer' | 'contact' }) {
  const { t } = useTranslation();
  const folders = useQueriesData((s) => s.folders).filter((f) => f.entity === entity);
  const screen = useApp((s) => s.screen);
  const openName = useQuery((s) => s.folderName);
  const [editing, setEditing] = useState<Editing | null>(null);

  const remove = async (f: FavouriteFolderDto) => {
    if (!(await confirmAsk(t('fav.confirmDelete', { name: f.name }), true))) return;
    try {
      await api.favourites.deleteFolder({ id: f.id });
      await useQueriesData.getState().loadFolders();
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const submit = async (name: string): Promise<string | null> => {
    try {
      if (editing?.kind === 'rename') await api.favourites.renameFolder({ id: editing.folder.id, name });
      else await api.favourites.createFolder({ name, entity });
      await useQueriesData.getState().loadFolders();
      setEditing(null);
      return null;
    } catch (err) {
      const code = formFieldErrors(err)?.['name'];
      return code ? t(`fieldError.${code}`) : errorText(t, err);
    }
  };

  return (
    <div className="side-section" data-testid={`favourites-${entity}`}>
      <div className="side-title">
        <span>{t(entity === 'customer' ? 'fav.customers' : 'fav.contacts')}</span>
        <button
          type="button"
          className="side-add"
          title={t('fav.newFolder')}
          data-testid={`folder-new-${entity}`}
          onClick={() => setEditing({ kind: 'new' })}
        >
          +
        </button>
      </div>
      {folders.map((f) => (
        <div
          key={f.id}
          className={`side-item folder${screen === 'queries' && openName === f.name ? ' active' : ''}`}
          data-testid="folder"
          data-id={f.id}
          data-name={f.name}
          data-count={f.itemCount}
        >
          <button type="button" className="side-open" data-testid="folder-open" title={f.name} onClick={() => useQuery.getState().openFolder(f)}>
            <span className="side-name">{f.name}</span>
            <span className="side-count" data-testid="folder-count">
              {f.itemCount}
            </span>
          </button>
          <span className="side-actions">
            <button type="button" data-testid="folder-rename" title={t('fav.rename')} onClick={() => setEditing({ kind: 'rename', folder: f })}>
              ✎
            </button>
            <button type="button" data-testid="folder-delete" title={t('fav.delete')} onClick={() => void remove(f)}>
              ✕
            </button>
          </span>
        </div>
      ))}
      {editing ? (
        <PromptDialog
          title={editing.kind === 'new' ? t('fav.newFolder') : t('fav.rename')}
          label={t('fav.folderName')}
          initial={editing.kind === 'rename' ? editing.folder.name : ''}
          testId="folder-name"
          onClose={() => setEditing(null)}
          onSubmit={submit}
        />
      ) : null}
    </div>
  );
}
