import { useTranslation } from 'react-i18next';

/** Choose columns and their order: ticked ones first in their order, then the rest. */
export function ColumnsPicker(props: { choices: readonly { key: string; label: string }[]; value: readonly string[]; onChange(v: string[]): void; testId: string }) {
  const { choices, value, onChange, testId } = props;
  const { t } = useTranslation();
  const byKey = new Map(choices.map((c) => [c.key, c]));
  const ordered = [...value.filter((k) => byKey.has(k)), ...choices.map((c) => c.key).filter((k) => !value.includes(k))];
  const move = (key: string, d: number) => {
    const next = value.filter((k) => byKey.has(k));
    const i = next.indexOf(key);
    if (i < 0 || i + d < 0 || i + d >= next.length) return;
    next.splice(i, 1);
    next.splice(i + d, 0, key);
    onChange(next);
  };
  return (
    <ul className="columns-picker" data-testid={testId}>
      {ordered.map((key) => {
        const on = value.includes(key);
        return (
          <li key={key} className={on ? 'on' : ''} data-testid={`${testId}-item`} data-key={key}>
            <label className="check">
              <input
                type="checkbox"
                checked={on}
                data-testid={`${testId}-check`}
                data-key={key}
                onChange={(e) => onChange(e.target.checked ? [...value, key] : value.filter((k) => k !== key))}
              />
              {byKey.get(key)?.label ?? key}
            </label>
            {on ? (
              <span>
                <button type="button" className="icon" title={t('common.up')} data-testid={`${testId}-up`} data-key={key} onClick={() => move(key, -1)}>
                  ↑
                </button>
                <button type="button" className="icon" title={t('common.down')} data-testid={`${testId}-down`} data-key={key} onClick={() => move(key, 1)}>
                  ↓
                </button>
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
