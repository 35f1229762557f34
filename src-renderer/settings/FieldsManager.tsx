import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField, CustomFieldEntity } from '../../src-shared/domain/custom-fields';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useBusinessTypes, useCustomFields } from '../card/use-meta';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { FieldDialog } from './FieldDialog';
import { FieldIndexState, useIndexProgress } from './FieldIndexState';
import { useSettings } from './settings-store';
import { TypeChangeDialog } from './TypeChangeDialog';

function parseTarget(target: string): { entity: CustomFieldEntity; typeId: string | null } {
  if (target.startsWith('record:')) return { entity: 'record', typeId: target.slice(7) };
  const entity = (['customer', 'contact', 'order'] as const).find((e) => e === target) ?? 'customer';
  return { entity, typeId: null };
}

/** 字段管理: custom fields per entity with value counts; add, edit, change type, delete, restore, purge. */
export function FieldsManager() {
  const { t } = useTranslation();
  const target = useSettings((s) => s.fieldsTarget);
  const open = useSettings((s) => s.open);
  const { entity, typeId } = parseTarget(target);
  const types = useBusinessTypes().data ?? [];
  const all = useCustomFields(entity, typeId, true).data ?? [];
  const live = all.filter((f) => !f.deleted);
  const deleted = all.filter((f) => f.deleted);
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [changing, setChanging] = useState<CustomField | null>(null);
  const indexProgress = useIndexProgress();

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      toast.success(done);
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const remove = async (f: CustomField & { valueCount: number }) => {
    if (!(await confirmAsk(t('cards.fields.confirmDelete', { label: f.label, n: f.valueCount }), true))) return;
    await run(() => api.fields.delete({ id: f.id }), t('cards.fields.deleted', { label: f.label }));
  };
  const purge = async (f: CustomField & { valueCount: number }) => {
    if (!(await confirmAsk(t('cards.fields.confirmPurge', { label: f.label, n: f.valueCount }), true))) return;
    if (!(await confirmAsk(t('cards.fields.confirmPurgeAgain', { label: f.label }), true))) return;
    await run(() => api.fields.purge({ id: f.id }), t('cards.fields.purged', { label: f.label }));
  };
  const flags = (f: CustomField) =>
    (['required', 'uniqueValues', 'searchable', 'indexed', 'trackHistory'] as const)
      .filter((k) => f[k])
      .map((k) => t(`cards.fields.flag.${k}`))
      .join('、');

  return (
    <div className="settings-page" data-testid="fields-manager">
      <div className="toolbar">
        <label className="inline-label">
          {t('cards.fields.entity')}
          <select value={target} data-testid="fields-entity" onChange={(e) => open('fields', e.target.value)}>
            <option value="customer">{t('cards.entities.customer')}</option>
            <option value="contact">{t('cards.entities.contact')}</option>
            <option value="order">{t('cards.entities.order')}</option>
            {types.map((bt) => (
              <option key={bt.id} value={`record:${bt.id}`}>
                {bt.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" data-testid="add-field" onClick={() => setEditing('new')}>
          ＋ {t('cards.fields.add')}
        </button>
        <span className="toolbar-spacer" />
        <span className="toolbar-count">{t('cards.fields.count', { n: live.length })}</span>
      </div>
      <table className="data-table" data-testid="fields-table">
        <thead>
          <tr>
            <th>{t('cards.fields.label')}</th>
            <th>{t('cards.fields.type')}</th>
            <th>{t('cards.fields.flags')}</th>
            <th className="num">{t('cards.fields.valueCount')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {live.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                {t('cards.fields.empty')}
              </td>
            </tr>
          ) : null}
          {live.map((f) => (
            <tr key={f.id} data-testid="field-row" data-id={f.id} data-label={f.label} data-column={f.columnName} data-type={f.type}>
              {/* The column name (cf_…) is the database's, not the user's word: only a tooltip, for support. */}
              <td title={f.columnName}>{f.label}</td>
              <td>{t(`cards.types.${f.type}`)}</td>
              <td>
                {flags(f)} <FieldIndexState state={f.indexState} pct={indexProgress.get(f.id)} />
              </td>
              <td className="num" data-testid="field-value-count">
                {f.valueCount}
              </td>
              <td className="row-actions">
                <button type="button" data-testid="field-edit" onClick={() => setEditing(f)}>
                  {t('common.edit')}
                </button>
                {f.type !== 'computedTotal' ? (
                  <button type="button" data-testid="field-change-type" onClick={() => setChanging(f)}>
                    {t('cards.fields.changeType')}
                  </button>
                ) : null}
                <button type="button" className="danger-icon" data-testid="field-delete" onClick={() => void remove(f)}>
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deleted.length > 0 ? (
        <section className="deleted-fields" data-testid="deleted-fields">
          <h3>{t('cards.fields.deletedTitle')}</h3>
          <table className="data-table">
            <tbody>
              {deleted.map((f) => (
                <tr key={f.id} data-testid="deleted-field-row" data-id={f.id} data-label={f.label}>
                  <td>{f.label}</td>
                  <td>{t(`cards.types.${f.type}`)}</td>
                  <td className="num">{t('cards.fields.heldValues', { n: f.valueCount })}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      data-testid="field-restore"
                      onClick={() => void run(() => api.fields.restore({ id: f.id }), t('cards.fields.restored', { label: f.label }))}
                    >
                      {t('cards.fields.restore')}
                    </button>
                    <button type="button" className="danger-icon" data-testid="field-purge" onClick={() => void purge(f)}>
                      {t('cards.fields.purge')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {editing ? (
        <FieldDialog entity={entity} businessTypeId={typeId} field={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {changing ? <TypeChangeDialog field={changing} onClose={() => setChanging(null)} /> : null}
    </div>
  );
}
