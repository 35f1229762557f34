// Chinese phone and e-mail formats, shared so the form can check as the user types and main
// checks again with the same rules.

/** Mainland mobile: 11 digits starting 13–19, optional +86 / 0086 prefix, spaces or dashes allowed. */
const MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;
/** Landline with area code (010-12345678, 0755 1234 5678), optional extension; 400/800 lines. */
const LANDLINE = /^(?:\(?0\d{2,3}\)?)?[2-9]\d{6,7}(?:(?:ext|转|-|#)\d{1,6})?$/;
/** After a real area code (010, 02x, 0[3-9]xx) the local number may start with any digit, 1 too (0755-12345678). */
const AREA_LOCAL = /^(?:010|02\d|0[3-9]\d{2})\d{7,8}$/;
const SERVICE = /^[48]00\d{7}$/;
const HK_MO = /^(?:\+?852|\+?853)\d{8}$/;

export function normalizePhone(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[\s\u3000]/g, '')
    .trim();
}

export function isValidPhone(raw: string): boolean {
  const p = normalizePhone(raw);
  const compact = p.replace(/[-()]/g, '');
  if (MOBILE.test(compact) || SERVICE.test(compact) || HK_MO.test(compact)) return true;
  // Keep the dash before an extension: 010-12345678-801
  const ext = /^(.*?)(?:-|转|#|ext)(\d{1,6})$/.exec(p);
  const main = (ext && ext[1] !== undefined && /\d{7,8}$/.test(ext[1]) ? ext[1] : p).replace(/[-()]/g, '');
  return LANDLINE.test(main) || AREA_LOCAL.test(main);
}

export function isValidEmail(raw: string): boolean {
  // Deliberately simple: one @, a dot in the domain, no spaces. Chinese mail hosts (qq.com, 163.com)
  // and IDN domains pass; typos such as "a@b" or "a@@b.com" do not.
  return /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(raw.trim());
}

export function isValidUrl(raw: string): boolean {
  const v = raw.trim();
  const withScheme = /^[a-z]+:\/\//i.test(v) ? v : `http://${v}`;
  try {
    const u = new URL(withScheme);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}
