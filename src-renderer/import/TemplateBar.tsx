import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useData } from '../api/use-data';
import { toast } from '../components/toast-store';
import { applyTemplate, loadTemplates, saveTemplate } from './import-actions';
import { useImport } from './import-store';
import type { MappingTemplate } from './import-types';

/** 映射模板: apply a saved mapping, save the current one under a name, delete one. */
export function TemplateBar() {
  const { t } = useTranslation();
  const target = useImport((s) => s.target);
  const loaded = useData(() => loadTemplates(target), [target], ['importMapping']);
  const templates: MappingTemplate[] = loaded.data ?? [];
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? loaded.error;

  const template = templates.find((x) => x.id === chosen);
  const save = async () => {
    if (!name.trim()) return;
    try {
      await saveTemplate(name.trim());
      toast.success(t('imp.template.saved', { name: name.trim() }));
      setName('');
      loaded.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const remove = async () => {
    if (!template) return;
    try {
      await api.import.deleteTemplate({ id: template.id });
      setChosen('');
      loaded.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <div className="import-templates" data-testid="import-templates">
      <span className="form-label">{t('imp.template.title')}</span>
      <select data-testid="import-template-select" value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{templates.length ? t('imp.template.choose') : t('imp.template.none')}</option>
        {templates.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
      <button type="button" data-testid="import-template-apply" disabled={!template} onClick={() => template && applyTemplate(template)}>
        {t('imp.template.apply')}
      </button>
      <button type="button" data-testid="import-template-delete" disabled={!template} onClick={() => void remove()}>
        {t('imp.template.delete')}
      </button>
      <span className="import-templates-gap" />
      <input
        data-testid="import-template-name"
        maxLength={40}
        placeholder={t('imp.template.namePlaceholder')}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="button" data-testid="import-template-save" disabled={!name.trim()} onClick={() => void save()}>
        {t('imp.template.save')}
      </button>
      {error ? <span className="field-error">{error}</span> : null}
    </div>
  );
}
