// How a masked field reads (permission matrix, per-field rules): enough to recognise a value the
// user already knows, not enough to copy it. Main masks the data before it leaves; the renderer
// shows what it gets and never unmasks.

const PHONE_LIKE = /^\+?[\d\s()-]{7,}$/;
const ALREADY_MASKED = /^(\d{3}\*{4}\d{4}|.\*{3})$/u;

/** 13812345678 → 138****5678: the first 3 and last 4 digits stay. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return maskText(phone);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Any other text: its first character and ***. */
export function maskText(text: string): string {
  const first = Array.from(text.trim())[0];
  return first === undefined ? '' : `${first}***`;
}

/** A value of any shape as it shows when masked; empty stays empty (whether a value is set is not hidden). */
export function maskValue(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value;
  // Masking twice gives the first mask (a row's presenter, then the last pass over custom values).
  if (typeof value === 'string' && ALREADY_MASKED.test(value)) return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(v));
  if (typeof value === 'string') return PHONE_LIKE.test(value) ? maskPhone(value) : maskText(value);
  if (typeof value === 'number' || typeof value === 'bigint') return maskText(String(value));
  return '***';
}
