import { useState } from 'react';

interface Props {
  value: number | undefined;
  /** Money: the stored value is fen, the box shows and takes yuan. */
  money?: boolean | undefined;
  testId: string;
  onChange(value: number | undefined): void;
  integer?: boolean;
  min?: number;
}

function parse(text: string, money: boolean, integer: boolean): number | undefined {
  const raw = text.trim();
  const n = raw === '' ? Number.NaN : Number(raw);
  if (Number.isNaN(n)) return undefined;
  return money ? Math.round(n * 100) : integer ? Math.trunc(n) : n;
}

/** A number box that keeps what is typed ("1." or "") and reports the parsed value, in fen for money. */
export function NumberInput({ value, money = false, testId, onChange, integer = false, min }: Props) {
  const [text, setText] = useState('');
  // What was typed stays while it still means the value; an outside change shows the new value.
  const shown = parse(text, money, integer) === value ? text : value === undefined ? '' : String(money ? value / 100 : value);
  return (
    <input
      type="number"
      className="qb-number"
      inputMode="decimal"
      step={integer ? 1 : 'any'}
      min={min}
      value={shown}
      data-testid={testId}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value, money, integer));
      }}
    />
  );
}
