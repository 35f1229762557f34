import { useTranslation } from 'react-i18next';
import type { SelectOption } from '../../src-shared/domain/custom-fields';
import { OPTION_COLOR_NAMES } from '../card/custom-values';
import { Swatch } from '../card/CustomFieldInput';

/** Options of a select field with their colours; values stay stable when labels change. */
export function OptionsEditor({ options, onChange }: { options: SelectOption[]; onChange(options: SelectOption[]): void }) {
  const { t } = useTranslation();
  const patch = (i: number, p: Partial<SelectOption>) => onChange(options.map((o, j) => (i === j ? { ...o, ...p } : o)));
  const move = (i: number, d: number) => {
    const next = [...options];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + d, 0, item);
    onChange(next);
  };
  const nextValue = () => {
    let n = options.length + 1;
    while (options.some((o) => o.value === `o${n}`)) n += 1;
    return `o${n}`;
  };
  return (
    <div className="options-editor" data-testid="fd-options">
      {options.map((o, i) => (
        <div key={o.value} className="option-row" data-testid="fd-option-row" data-value={o.value}>
          <Swatch color={o.color} />
          <input
            value={o.label}
            data-testid="fd-option-label"
            placeholder={t('cards.fields.optionLabel')}
            onChange={(e) => patch(i, { label: e.target.value })}
          />
          <select
            value={o.color ?? ''}
            data-testid="fd-option-color"
            onChange={(e) => patch(i, e.target.value ? { color: e.target.value } : { color: undefined })}
          >
            <option value="">{t('cards.fields.noColor')}</option>
            {OPTION_COLOR_NAMES.map((c) => (
              <option key={c} value={c}>
                {t(`cards.colors.${c}`)}
              </option>
            ))}
          </select>
          <button type="button" className="icon" disabled={i === 0} title={t('common.up')} onClick={() => move(i, -1)}>
            ↑
          </button>
          <button type="button" className="icon" disabled={i === options.length - 1} title={t('common.down')} onClick={() => move(i, 1)}>
            ↓
          </button>
          <button
            type="button"
            className="icon danger-icon"
            data-testid="fd-option-remove"
            onClick={() => onChange(options.filter((_, j) => j !== i))}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" data-testid="fd-option-add" onClick={() => onChange([...options, { value: nextValue(), label: '' }])}>
        ＋ {t('cards.fields.addOption')}
      </button>
    </div>
  );
}
