import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TypeChangePreview } from './type-change';
import { CUSTOM_FIELD_TYPES, type CustomField, type CustomFieldType, type SelectOption } from '../../src-shared/domain/custom-fields';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { customText } from '../card/custom-values';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { OptionsEditor } from './OptionsEditor';

/** Change a field's type: preview what happens to the stored values first; emptying values needs an explicit yes. */
export function TypeChangeDialog({ field, onClose }: { field: CustomField; onClose(): void }) {
  const { t } = useTranslation();
  const [to, setTo] = useState<CustomFieldType>(field.type === 'text' ? 'longText' : 'text');
  const [options, setOptions] = useState<SelectOption[]>(field.options);
  const [preview, setPreview] = useState<TypeChangePreview | null>(null);
  const [accept, setAccept] = useState(false);
  const withOptions = to === 'select' || to === 'multiSelect';
  const input = { id: field.id, to, ...(withOptions ? { options } : {}) };

  const runPreview = async () => {
    try {
      setPreview(await api.fields.previewType(input));
      setAccept(false);
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const apply = async () => {
    try {
      await api.fields.changeType({ ...input, acceptLoss: accept });
      toast.success(t('cards.typeChange.done', { label: field.label }));
      onClose();
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const shown = (v: unknown, type: CustomFieldType) =>
    customText(t, { type, options: type === to ? options : field.options }, v) || t('common.empty');

  return (
    <Dialog
      title={t('cards.typeChange.title', { label: field.label })}
      testId="type-change-dialog"
      width={600}
      onClose={onClose}
      footer={
        <>
          <button type="button" data-testid="tc-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={preview && preview.lost > 0 ? 'danger' : 'primary'}
            data-testid="tc-apply"
            disabled={!preview || (preview.lost > 0 && !accept)}
            onClick={() => void apply()}
          >
            {t('cards.typeChange.apply')}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <div className="form-field">
          <span className="form-label">{t('cards.typeChange.from')}</span>
          <span data-testid="tc-from">{t(`cards.types.${field.type}`)}</span>
        </div>
        <label className="form-field">
          <span className="form-label">{t('cards.typeChange.to')}</span>
          <select
            value={to}
            data-testid="tc-to"
            onChange={(e) => {
              setTo(e.target.value as CustomFieldType);
              setPreview(null);
            }}
          >
            {CUSTOM_FIELD_TYPES.filter((x) => x !== field.type && x !== 'computedTotal').map((x) => (
              <option key={x} value={x}>
                {t(`cards.types.${x}`)}
              </option>
            ))}
          </select>
        </label>
        {withOptions ? (
          <div className="form-field wide">
            <span className="form-label">{t('cards.fields.options')}</span>
            <OptionsEditor
              options={options}
              onChange={(o) => {
                setOptions(o);
                setPreview(null);
              }}
            />
          </div>
        ) : null}
      </div>
      <button type="button" data-testid="tc-preview" onClick={() => void runPreview()}>
        {t('cards.typeChange.preview')}
      </button>
      {preview ? (
        <div className="type-preview" data-testid="tc-result" data-total={preview.total} data-converted={preview.converted} data-lost={preview.lost}>
          <p>{t('cards.typeChange.summary', { total: preview.total, converted: preview.converted, lost: preview.lost })}</p>
          {preview.samples.length ? (
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t('cards.typeChange.before')}</th>
                  <th>{t('cards.typeChange.after')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.samples.map((s, i) => (
                  <tr key={i} data-testid="tc-sample">
                    <td>{shown(s.before, field.type)}</td>
                    <td>{shown(s.after, to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {preview.lost > 0 ? (
            <div className="banner banner-error">
              <div>{t('cards.typeChange.lostExamples')}</div>
              <ul>
                {preview.lostExamples.map((x) => (
                  <li key={x.id} data-testid="tc-lost-example">
                    {shown(x.value, field.type)}
                  </li>
                ))}
              </ul>
              <label className="check">
                <input type="checkbox" checked={accept} data-testid="tc-accept-loss" onChange={(e) => setAccept(e.target.checked)} />
                {t('cards.typeChange.acceptLoss', { n: preview.lost })}
              </label>
            </div>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
