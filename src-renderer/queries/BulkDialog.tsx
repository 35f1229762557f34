import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_CLASSES } from '../../src-shared/domain/enums';
import type { QueryDefinition } from '../../src-shared/query/query-tree';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { confirmAsk } from '../components/confirm-store';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { enumLabel } from '../i18n/labels';
import { useQueriesData } from './queries-data';

type Action = 'setOwner' | 'setClass' | 'addTag' | 'addToFolder';

interface Props {
  definition: QueryDefinition;
  total: number;
  selectedIds: string[];
  onClose(): void;
  onDone(): void;
}

/** 批量操作 on the selected rows or the whole result; asks how many records will change before writing. */
export function BulkDialog({ definition, total, selectedIds, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const customers = definition.entity === 'customer';
  const employees = useQueriesData((s) => s.employees).filter((e) => e.active);
  const folders = useQueriesData((s) => s.folders).filter((f) => f.entity === definition.entity);
  const [action, setAction] = useState<Action>(customers ? 'setOwner' : 'addToFolder');
  const [scope, setScope] = useState<'selected' | 'all'>(selectedIds.length > 0 ? 'selected' : 'all');
  const [ownerId, setOwnerId] = useState('');
  const [customerClass, setCustomerClass] = useState('');
  const [tag, setTag] = useState('');
  const [folderId, setFolderId] = useState(folders[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = scope === 'selected' ? selectedIds.length : total;
  const ready = n > 0 && (action === 'addTag' ? tag.trim() !== '' : action === 'addToFolder' ? folderId !== '' : true);

  const apply = async () => {
    if (!(await confirmAsk(t('bulk.confirm', { n: n.toLocaleString(), action: t(`bulk.${action}`) })))) return;
    const target = scope === 'selected' ? { ids: selectedIds } : { definition };
    setBusy(true);
    try {
      if (action === 'addToFolder') {
        const res = await api.favourites.add({ folderId, target });
        toast.success(t('bulk.added', { n: res.added }));
      } else {
        const res = await api.customers.bulkUpdate({
          target,
          action:
            action === 'setOwner'
              ? { kind: 'setOwner', ownerId: ownerId || null }
              : action === 'setClass'
                ? {
                    kind: 'setClass',
                    customerClass: (CUSTOMER_CLASSES as readonly string[]).includes(customerClass)
                      ? (customerClass as (typeof CUSTOMER_CLASSES)[number])
                      : null,
                  }
                : { kind: 'addTag', tag: tag.trim() },
        });
        toast.success(t('bulk.done', { n: res.changed }));
      }
      onDone();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const actions: Action[] = customers ? ['setOwner', 'setClass', 'addTag', 'addToFolder'] : ['addToFolder'];
  return (
    <Dialog
      title={t('bulk.title')}
      testId="bulk-dialog"
      onClose={onClose}
      width={460}
      footer={
        <>
          <button type="button" data-testid="bulk-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid="bulk-apply" disabled={!ready || busy} onClick={() => void apply()}>
            {t('bulk.apply')}
          </button>
        </>
      }
    >
      <div className="form-grid one">
        <label className="form-field wide">
          <span className="form-label">{t('bulk.action')}</span>
          <select data-testid="bulk-action" value={action} onChange={(e) => setAction(e.target.value as Action)}>
            {actions.map((a) => (
              <option key={a} value={a}>
                {t(`bulk.${a}`)}
              </option>
            ))}
          </select>
        </label>
        {action === 'setOwner' ? (
          <label className="form-field wide">
            <span className="form-label">{t('bulk.owner')}</span>
            <select data-testid="bulk-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">{t('bulk.noOwner')}</option>
              {employees.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {action === 'setClass' ? (
          <label className="form-field wide">
            <span className="form-label">{t('bulk.customerClass')}</span>
            <select data-testid="bulk-class" value={customerClass} onChange={(e) => setCustomerClass(e.target.value)}>
              <option value="">{t('bulk.noClass')}</option>
              {CUSTOMER_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {enumLabel(t, 'customerClass', c)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {action === 'addTag' ? (
          <label className="form-field wide">
            <span className="form-label">{t('bulk.tag')}</span>
            <input data-testid="bulk-tag" value={tag} maxLength={30} onChange={(e) => setTag(e.target.value)} />
          </label>
        ) : null}
        {action === 'addToFolder' ? (
          <label className="form-field wide">
            <span className="form-label">{t('bulk.folder')}</span>
            <select data-testid="bulk-folder" value={folderId} onChange={(e) => setFolderId(e.target.value)}>
              {folders.length === 0 ? <option value="">{t('fav.empty')}</option> : null}
              {folders.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <fieldset className="form-field wide qb-scope">
          <span className="form-label">{t('bulk.scope')}</span>
          <label className="check">
            <input
              type="radio"
              name="bulk-scope"
              data-testid="bulk-scope-selected"
              disabled={selectedIds.length === 0}
              checked={scope === 'selected'}
              onChange={() => setScope('selected')}
            />
            {t('bulk.scopeSelected', { n: selectedIds.length })}
          </label>
          <label className="check">
            <input type="radio" name="bulk-scope" data-testid="bulk-scope-all" checked={scope === 'all'} onChange={() => setScope('all')} />
            {t('bulk.scopeAll', { n: total.toLocaleString() })}
          </label>
        </fieldset>
        {!customers ? <p className="muted small">{t('bulk.customersOnly')}</p> : null}
        {error ? (
          <div className="banner banner-error" data-testid="bulk-error">
            {error}
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
