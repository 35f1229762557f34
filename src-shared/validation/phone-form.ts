import { normalizePhone } from './contact-formats';

// One stored form per phone, so the same number typed three ways is one number (duplicates,
// search, exports), and one display form. See docs/data-model.md "Phones".
//
//   mobile        13812345678          (11 digits; +86 / 0086 / 86 and separators dropped)
//   landline      010-12345678         (area code, dash, local number; 010 and 02x are 3 digits)
//                 12345678             (no area code typed: the local number alone)
//   extension     010-12345678-801     (转 / # / ext / 分机 become "-")
//   400/800       4001234567
//   Hong Kong/Macau +85212345678
//   anything else as typed, only full-width digits folded and spaces removed (normalizePhone)

const MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;
const SERVICE = /^([48]00\d{7})$/;
const HK_MO = /^\+?(85[23])(\d{8})$/;
/** An extension after the number: 转801, #801, ext 801, 分机801, or -801 right after a 7–8 digit number. */
const EXTENSION_WORD = /^(.*\d)\s*(?:转|#|ext\.?|x|分机)\s*(\d{1,6})$/i;
const EXTENSION_DASH = /^(.*?\d{7,8})-(\d{1,6})$/;
/**
 * The stored form of a local number with an extension (8001234-567, 86130000-12345). Its digits
 * alone may read as a 400/800 line, a +86 mobile or a Hong Kong number, so this shape is taken
 * before those; otherwise writing a stored phone again changed it (8001234-567 → 8001234567).
 */
const LOCAL_EXTENSION = /^([2-9]\d{6,7})-(\d{1,6})$/;
/** The user's own split, kept: (010)12345678, 010-12345678, 0755 1234 5678. */
const WRITTEN_AREA = /^(?:\((0\d{2,3})\)|(0\d{2,3})[\s-])[\s-]*(\d{3,4}[\s-]?\d{4})$/;

/** Full-width digits and brackets folded, ends trimmed, inner separators kept (they may split the area code). */
function fold(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[\uFF0D\u2010-\u2015]/g, '-')
    .replace(/\u3000/g, ' ')
    .trim();
}

/** The landline part (no extension) as area + local, or null when it is not one. */
function landline(text: string, international: boolean): string | null {
  const written = WRITTEN_AREA.exec(text);
  if (written && !international) return `${written[1] ?? written[2]}-${(written[3] as string).replace(/\D/g, '')}`;
  let digits = text.replace(/[\s\-()]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (international && !digits.startsWith('0')) digits = `0${digits}`;
  const short = /^(010|02\d)(\d{8})$/.exec(digits) ?? /^(0[3-9]\d{2})(\d{7,8})$/.exec(digits);
  if (short) return `${short[1]}-${short[2]}`;
  if (!international && /^[2-9]\d{6,7}$/.test(digits)) return digits;
  return null;
}

/** The stored form of a phone (see above); input it does not recognise comes back as typed. */
export function canonicalPhone(raw: string): string {
  const text = fold(raw);
  if (text === '') return '';
  const local = LOCAL_EXTENSION.exec(text);
  if (local) return `${local[1]}-${local[2]}`;
  const compact = text.replace(/[\s\-()]/g, '');
  const mobile = MOBILE.exec(compact);
  if (mobile) return mobile[1] as string;
  if (SERVICE.test(compact)) return compact;
  const hk = HK_MO.exec(compact);
  if (hk) return `+${hk[1]}${hk[2]}`;
  const intl = /^(?:\+|00)\s*86[\s-]*(?:\(0\))?[\s-]*(.+)$/.exec(text);
  const rest = intl ? (intl[1] as string) : text;
  const ext = EXTENSION_WORD.exec(rest) ?? EXTENSION_DASH.exec(rest);
  const main = landline(ext ? (ext[1] as string) : rest, intl !== null);
  if (main) return ext ? `${main}-${ext[2]}` : main;
  return normalizePhone(raw);
}

/** A stored phone as people read it: 138 1234 5678, 010-1234 5678 转 801, 400 123 4567. */
export function formatPhone(stored: string): string {
  if (/^1\d{10}$/.test(stored)) return `${stored.slice(0, 3)} ${stored.slice(3, 7)} ${stored.slice(7)}`;
  if (/^[48]00\d{7}$/.test(stored)) return `${stored.slice(0, 3)} ${stored.slice(3, 6)} ${stored.slice(6)}`;
  const hk = /^\+(85[23])(\d{4})(\d{4})$/.exec(stored);
  if (hk) return `+${hk[1]} ${hk[2]} ${hk[3]}`;
  const line = /^(?:(0\d{2,3})-)?(\d{7,8})(?:-(\d{1,6}))?$/.exec(stored);
  if (line) {
    const local = line[2] as string;
    const grouped = local.length === 8 ? `${local.slice(0, 4)} ${local.slice(4)}` : `${local.slice(0, 3)} ${local.slice(3)}`;
    return `${line[1] ? `${line[1]}-` : ''}${grouped}${line[3] ? ` 转 ${line[3]}` : ''}`;
  }
  return stored;
}

/** The digits that identify a phone (duplicates, search): separators and the +86 of a mobile dropped. */
export function phoneDigits(phone: string): string {
  return canonicalPhone(phone).replace(/\D/g, '');
}
