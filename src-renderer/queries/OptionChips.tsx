type Value = string | number;

interface Props {
  options: { value: Value; label: string }[];
  selected: readonly Value[];
  onChange(values: Value[]): void;
  testId?: string;
}

/** A multi-select as toggle chips: every option visible, one click to pick or drop it. */
export function OptionChips({ options, selected, onChange, testId = 'qb-option' }: Props) {
  const toggle = (v: Value) => onChange(selected.includes(v) ? selected.filter((s) => s !== v) : [...selected, v]);
  return (
    <span className="qb-chips" role="group">
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <button
            key={String(o.value)}
            type="button"
            className={`qb-chip${on ? ' on' : ''}`}
            aria-pressed={on}
            data-testid={testId}
            data-value={String(o.value)}
            onClick={() => toggle(o.value)}
          >
            {o.label}
          </button>
        );
      })}
    </span>
  );
}
