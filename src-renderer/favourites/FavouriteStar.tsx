import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FavouriteFolderDto } from '../../src-shared/contract/query-methods';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import { useQueriesData } from '../queries/queries-data';
import './favourites.css';

/**
 * ☆ on a customer's or a contact's card: which favourites folders (of that kind) hold the record;
 * tick a folder to add or remove it.
 */
export function FavouriteStar({ id: customerId, entity = 'customer' }: { id: string; entity?: 'customer' | 'contact' }) {
  const { t } = useTranslation();
  const folders = useQueriesData((s) => s.folders).filter((f) => f.entity === entity);
  const loaded = useData(() => api.favourites.of({ id: customerId }), [customerId], ['favouriteItem', 'favouriteFolder']);
  // A tick moves at once; the re-read its write announces replaces it with what main holds.
  const [ticked, setTicked] = useState<{ for: string[] | null; ids: string[] } | null>(null);
  const inFolders = ticked && ticked.for === loaded.data ? ticked.ids : (loaded.data ?? []);
  const setInFolders = (ids: string[]) => setTicked({ for: loaded.data, ids });
  const [open, setOpen] = useState(false);
  const [newName, setNewName] = useState('');

  // A first folder can be made right here: sending the user to the sidebar loses the record they meant.
  const createAndAdd = async () => {
    const name = newName.trim();
    if (!name) return;
    try {
      const folder = await api.favourites.createFolder({ name, entity });
      await api.favourites.add({ folderId: folder.id, target: { ids: [customerId] } });
      setNewName('');
      toast.success(t('fav.added', { name: folder.name }));
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };

  const toggle = async (f: FavouriteFolderDto) => {
    const has = inFolders.includes(f.id);
    // A failure puts it back to what main holds.
    setInFolders(has ? inFolders.filter((x) => x !== f.id) : [...inFolders, f.id]);
    try {
      if (has) await api.favourites.remove({ folderId: f.id, ids: [customerId] });
      else await api.favourites.add({ folderId: f.id, target: { ids: [customerId] } });
      toast.success(t(has ? 'fav.removed' : 'fav.added', { name: f.name }));
    } catch (err) {
      setTicked(null);
      toast.error(errorText(t, err));
    }
  };
  const starred = inFolders.length > 0;

  return (
    <div className="popover-anchor">
      <button
        type="button"
        className={starred ? 'fav-star' : ''}
        data-testid="favourite-star"
        aria-pressed={starred}
        data-count={inFolders.length}
        title={t('fav.starTitle')}
        onClick={() => setOpen((v) => !v)}
      >
        {starred ? '★' : '☆'} {starred ? t('fav.inFolders', { n: inFolders.length }) : t('fav.star')}
      </button>
      {open ? (
        <div className={`popover fav-popover${entity === 'contact' ? ' opens-left' : ''}`} data-testid="favourite-popover">
          <div className="popover-title">{t(entity === 'customer' ? 'fav.customers' : 'fav.contacts')}</div>
          {folders.length === 0 ? <div className="muted small">{t('fav.empty')}</div> : null}
          {folders.map((f) => (
            <label key={f.id} className="check" data-testid="favourite-folder-option" data-name={f.name}>
              <input type="checkbox" checked={inFolders.includes(f.id)} onChange={() => void toggle(f)} />
              {f.name}
            </label>
          ))}
          <div className="fav-new-folder">
            <input
              value={newName}
              placeholder={t('fav.folderName')}
              data-testid="favourite-new-folder-name"
              onChange={(e) => setNewName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void createAndAdd();
              }}
            />
            <button type="button" data-testid="favourite-new-folder" disabled={!newName.trim()} onClick={() => void createAndAdd()}>
              {t('fav.newAndAdd')}
            </button>
          </div>
          <div className="popover-footer">
            <button type="button" data-testid="favourite-close" onClick={() => setOpen(false)}>
              {t('common.close')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
