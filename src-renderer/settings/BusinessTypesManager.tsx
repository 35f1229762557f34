import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessType } from '../../src-shared/domain/business';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { Swatch } from '../card/CustomFieldInput';
import { useData } from '../api/use-data';
import { useBusinessTypes } from '../card/use-meta';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { BusinessTypeEditor } from './BusinessTypeEditor';
import { createTypeWithTab } from '../business/type-layout';
import { useSettings } from './settings-store';

/** 自定义业务: the business types, created from a template or from scratch. */
export function BusinessTypesManager() {
  const { t } = useTranslation();
  const types = useBusinessTypes().data ?? [];
  const templates = useData(() => api.businessTypes.templates({}), [], []).data ?? [];
  const openSettings = useSettings((s) => s.open);
  const [editing, setEditing] = useState<BusinessType | 'new' | null>(null);

  const fromTemplate = async (template: (typeof templates)[number]['key']) => {
    try {
      const created = await createTypeWithTab(() => api.businessTypes.createFromTemplate({ template }));
      toast.success(t('cards.bt.created', { name: created.name }));
      setEditing(created);
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const remove = async (bt: BusinessType) => {
    if (!(await confirmAsk(t('cards.bt.confirmDelete', { name: bt.name }), true))) return;
    try {
      await api.businessTypes.delete({ id: bt.id });
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };

  return (
    <div className="settings-page" data-testid="business-types-manager">
      <div className="template-bar">
        <span className="muted">{t('cards.bt.fromTemplate')}</span>
        {templates.map((tpl) => (
          <button key={tpl.key} type="button" data-testid={`bt-template-${tpl.key}`} onClick={() => void fromTemplate(tpl.key)}>
            {tpl.name}
          </button>
        ))}
        <button type="button" className="primary" data-testid="bt-new" onClick={() => setEditing('new')}>
          ＋ {t('cards.bt.fromScratch')}
        </button>
      </div>
      <table className="data-table" data-testid="bt-table">
        <thead>
          <tr>
            <th>{t('cards.bt.name')}</th>
            <th>{t('cards.bt.workflow')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {types.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                {t('cards.bt.empty')}
              </td>
            </tr>
          ) : null}
          {types.map((bt) => (
            <tr key={bt.id} data-testid="bt-row" data-id={bt.id} data-name={bt.name}>
              <td>{bt.name}</td>
              <td className="status-flow">
                {bt.statuses.map((s) => (
                  <span key={s.key} className={`status-badge${s.final ? ' final' : ''}`}>
                    <Swatch color={s.color} />
                    {s.label}
                  </span>
                ))}
              </td>
              <td className="row-actions">
                <button type="button" data-testid="bt-edit" onClick={() => setEditing(bt)}>
                  {t('common.edit')}
                </button>
                <button type="button" data-testid="bt-row-fields" onClick={() => openSettings('fields', `record:${bt.id}`)}>
                  {t('cards.bt.fields')}
                </button>
                <button type="button" className="danger-icon" data-testid="bt-delete" onClick={() => void remove(bt)}>
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <BusinessTypeEditor key={editing === 'new' ? 'new' : editing.id} type={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </div>
  );
}
