import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCalendarDate } from '../../../src-shared/import/convert-cells';
import { isQuestionableOrderDate, parseDateText } from '../../../src-shared/validation/date-text';
import { optionalDate, requiredDate } from '../../../src-shared/domain/field-rules';

// One reader for days typed in forms and days in spreadsheet cells. Expected values are written
// out by hand; the properties check every day of 1900–2100 in every written form.

const ok = (value: string | null) => ({ ok: true, value });

describe('parseDateText', () => {
  it('reads the forms people write', () => {
    for (const typed of [
      '1985-03-12',
      '1985/3/12',
      '1985.3.12',
      '1985-3-12',
      '1985年3月12日',
      '1985 年 3 月 12 日',
      '19850312',
      '１９８５／３／１２',
      ' 1985/03/12 ',
      '1985/3/12 08:30',
    ]) {
      expect(parseDateText(typed), typed).toEqual(ok('1985-03-12'));
    }
    expect(parseDateText('')).toEqual(ok(null));
    expect(parseDateText('\u3000')).toEqual(ok(null));
  });

  it('refuses what is not a calendar day with `date`', () => {
    for (const typed of ['1985-02-29', '1985/13/1', '1985-00-10', '1985-04-31', '12/3/1985', '85-3-12', '三月十二日', 'abc', '1985-3', '198503121']) {
      expect(parseDateText(typed), typed).toEqual({ ok: false, code: 'date' });
    }
    expect(parseDateText('1984-02-29')).toEqual(ok('1984-02-29'));
    expect(parseDateText('2000-02-29')).toEqual(ok('2000-02-29'));
    expect(parseDateText('1900-02-29')).toEqual({ ok: false, code: 'date' });
  });

  it('says `dateRange` for a real day outside 1900–2100', () => {
    for (const typed of ['2999-01-01', '2999/1/1', '1899-12-31', '21010101', '0001-01-01']) {
      expect(parseDateText(typed), typed).toEqual({ ok: false, code: 'dateRange' });
    }
    expect(parseDateText('1900-01-01')).toEqual(ok('1900-01-01'));
    expect(parseDateText('2100-12-31')).toEqual(ok('2100-12-31'));
  });

  const day = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 11, 31) }).map((ms) => new Date(Math.floor(ms / 86_400_000) * 86_400_000));
  const iso = (d: Date) => d.toISOString().slice(0, 10);

  it('round-trips every day of 1900–2100 in every written form', () => {
    fc.assert(
      fc.property(day, fc.constantFrom('iso', 'slash', 'dot', 'chinese', 'compact', 'short'), (d, form) => {
        const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const p2 = (n: number) => String(n).padStart(2, '0');
        const text = {
          iso: iso(d),
          slash: `${y}/${m}/${dd}`,
          dot: `${y}.${m}.${dd}`,
          chinese: `${y}年${m}月${dd}日`,
          compact: `${y}${p2(m)}${p2(dd)}`,
          short: `${y}-${m}-${dd}`,
        }[form];
        expect(parseDateText(text)).toEqual(ok(iso(d)));
        // What it gives back reads as itself.
        expect(parseDateText(iso(d))).toEqual(ok(iso(d)));
      }),
    );
  });

  it('import reads text cells with the same parser', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (text) => {
        if (/^\d+(\.\d+)?$/.test(text.normalize('NFKC').trim()) && !/^\d{8}$/.test(text.normalize('NFKC').trim())) return; // serial numbers
        expect(toCalendarDate(text)).toEqual(parseDateText(text));
      }),
    );
    expect(toCalendarDate('2023年5月1日')).toEqual(ok('2023-05-01'));
    expect(toCalendarDate(45047)).toEqual(ok('2023-05-01')); // an Excel serial
    expect(toCalendarDate(20230501)).toEqual(ok('2023-05-01'));
    expect(toCalendarDate('2999-01-01')).toEqual({ ok: false, code: 'dateRange' });
  });
});

describe('date fields of the contract', () => {
  it('store what was typed as YYYY-MM-DD and name the problem', () => {
    expect(optionalDate.parse('1985/3/12')).toBe('1985-03-12');
    expect(optionalDate.parse('')).toBeNull();
    expect(optionalDate.parse(null)).toBeNull();
    expect(requiredDate.parse('2024年3月1日')).toBe('2024-03-01');
    expect(optionalDate.safeParse('2999-01-01').error?.issues[0]?.message).toBe('dateRange');
    expect(optionalDate.safeParse('1985-02-30').error?.issues[0]?.message).toBe('date');
    expect(requiredDate.safeParse('').error?.issues[0]?.message).toBe('required');
  });
});

describe('isQuestionableOrderDate', () => {
  it('asks about days long ago or more than a year ahead', () => {
    expect(isQuestionableOrderDate('1900-01-01', '2026-12-06')).toBe(true);
    expect(isQuestionableOrderDate('1989-12-31', '2026-12-06')).toBe(true);
    expect(isQuestionableOrderDate('1990-01-01', '2026-12-06')).toBe(false);
    expect(isQuestionableOrderDate('2027-12-06', '2026-12-06')).toBe(false);
    expect(isQuestionableOrderDate('2027-12-07', '2026-12-06')).toBe(true);
  });
});
