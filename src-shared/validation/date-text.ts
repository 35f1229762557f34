// A day as people write it, in a form or a spreadsheet cell: one parser for both, so what import
// accepts can also be typed. The stored form is always YYYY-MM-DD (the one date convention).

/** The years a day-precision field may hold; outside them the date is refused as out of range. */
export const DATE_MIN_YEAR = 1900;
export const DATE_MAX_YEAR = 2100;

export type DateText = { ok: true; value: string | null } | { ok: false; code: 'date' | 'dateRange' };

const SEPARATED = /^(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?(?:\s.*)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * 1985-03-12, 1985/3/12, 1985.3.12, 1985-3-12, 1985年3月12日, 19850312 (full-width digits too, and a
 * time after a space is ignored) → "1985-03-12"; empty → null. A real calendar day is required
 * (no 2 月 30 日), code `date` otherwise; a well-formed day outside 1900–2100 gets `dateRange`.
 */
export function parseDateText(text: string): DateText {
  const s = text
    .normalize('NFKC')
    .replace(/\u3000/g, ' ')
    .trim();
  if (s === '') return { ok: true, value: null };
  const m = SEPARATED.exec(s) ?? COMPACT.exec(s);
  if (!m) return { ok: false, code: 'date' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(2000, mo - 1, d));
  // Checked in a leap year first (29 Feb is a real day there), the year itself below.
  if (mo < 1 || mo > 12 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { ok: false, code: 'date' };
  if (mo === 2 && d === 29 && !isLeapYear(y)) return { ok: false, code: 'date' };
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) return { ok: false, code: 'dateRange' };
  return { ok: true, value: `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The first day an order date is taken without asking: earlier ones are usually a placeholder (1900-01-01) or a typo. */
export const ORDER_DATE_QUESTIONED_BEFORE = '1990-01-01';

/**
 * Whether a well-formed order date is unusual enough to ask the user before saving: before 1990
 * (1900-01-01 is what empty dates become in many systems) or more than a year after `today`.
 */
export function isQuestionableOrderDate(date: string, today: string): boolean {
  if (date < ORDER_DATE_QUESTIONED_BEFORE) return true;
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  return date > limit.toISOString().slice(0, 10);
}
