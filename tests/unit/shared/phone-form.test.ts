import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidPhone } from '../../../src-shared/validation/contact-formats';
import { canonicalPhone, formatPhone, phoneDigits } from '../../../src-shared/validation/phone-form';

// One stored form per phone (docs/data-model.md "Phones"), one display form that reads back to it.

describe('canonicalPhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['010-12345678', '010-12345678'],
    ['(010)12345678', '010-12345678'],
    ['（010）12345678', '010-12345678'],
    ['010 1234 5678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['075512345678', '0755-12345678'],
    ['0755-1234567', '0755-1234567'],
    ['+86 10 12345678', '010-12345678'],
    ['+86-755-8888-6666', '0755-88886666'],
    ['010-12345678转801', '010-12345678-801'],
    ['010-12345678-801', '010-12345678-801'],
    ['0755-12345678', '0755-12345678'],
    // A local number with an extension whose ten or more digits read as a 400/800 line or a mobile.
    ['8000000转000', '8000000-000'],
    ['8000000-000', '8000000-000'],
    ['86130000-00000', '86130000-00000'],
    ['010-1234 5678 转 801', '010-12345678-801'],
    ['0755-12345678 ext 12', '0755-12345678-12'],
    ['62345678', '62345678'],
    ['400-123-4567', '4001234567'],
    ['800 123 4567', '8001234567'],
    ['+852 1234 5678', '+85212345678'],
    ['', ''],
    // Not recognised: kept as typed (spaces dropped, as before), never guessed at.
    ['12ab', '12ab'],
    ['1-800-FLOWERS', '1-800-FLOWERS'],
  ])('%s → %s', (typed, stored) => {
    expect(canonicalPhone(typed)).toBe(stored);
  });
});

describe('formatPhone', () => {
  it.each([
    ['13812345678', '138 1234 5678'],
    ['010-12345678', '010-1234 5678'],
    ['0755-1234567', '0755-123 4567'],
    ['010-12345678-801', '010-1234 5678 转 801'],
    ['4001234567', '400 123 4567'],
    ['+85212345678', '+852 1234 5678'],
    ['62345678', '6234 5678'],
    ['12ab', '12ab'],
  ])('%s → %s', (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
  });
});

// Phones as people type them: prefixes, separators, area codes, extensions.
const sep = fc.constantFrom('', ' ', '-', '  ');
const mobile = fc
  .tuple(fc.constantFrom('', '+86 ', '0086', '86', '+86-'), fc.constantFrom('13', '15', '18', '19'), fc.stringMatching(/^\d{9}$/), sep)
  .map(([p, a, rest, s]) => `${p}${a}${rest.slice(0, 2)}${s}${rest.slice(2, 6)}${s}${rest.slice(6)}`);
const landline = fc
  .tuple(
    fc.constantFrom('010', '021', '0755', '0512', '0371', ''),
    fc.constantFrom('-', ' ', '', '()'),
    fc.stringMatching(/^[2-8]\d{7}$/),
    fc.boolean(),
    fc.option(fc.tuple(fc.constantFrom('转', '-', '#', ' ext '), fc.stringMatching(/^\d{1,5}$/)), { nil: null }),
  )
  .map(([area, s, local, seven, ext]) => {
    const number = seven ? local.slice(0, 7) : local;
    const head = area === '' ? '' : s === '()' ? `(${area})` : `${area}${s}`;
    return `${head}${number}${ext ? `${ext[0]}${ext[1]}` : ''}`;
  });
const service = fc
  .tuple(fc.constantFrom('400', '800'), fc.stringMatching(/^\d{7}$/), sep)
  .map(([a, r, s]) => `${a}${s}${r.slice(0, 3)}${s}${r.slice(3)}`);
const typed = fc.oneof(mobile, landline, service, fc.string({ maxLength: 16 }));

describe('stored form properties', () => {
  it('is idempotent, keeps a valid phone valid, keeps its digits, and the display form reads back to it', () => {
    fc.assert(
      fc.property(typed, (raw) => {
        const stored = canonicalPhone(raw);
        expect(canonicalPhone(stored)).toBe(stored);
        expect(canonicalPhone(formatPhone(stored))).toBe(stored);
        if (isValidPhone(raw)) {
          expect(isValidPhone(stored)).toBe(true);
          // Digits are kept: only a +86 / 0086 / 86 prefix goes.
          const digits = raw.normalize('NFKC').replace(/\D/g, '');
          expect(digits.endsWith(stored.replace(/\D/g, ''))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('the same mobile typed any way has the same digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), sep, fc.constantFrom('', '+86 ', '0086 '), (n, s, p) => {
        expect(phoneDigits(`${p}${n.slice(0, 3)}${s}${n.slice(3, 7)}${s}${n.slice(7)}`)).toBe(n);
      }),
    );
  });
});

// Area codes as the division list has them: 010, 02x, and 0 + 3–9 + two digits.
const areaCode = fc.oneof(fc.constant('010'), fc.stringMatching(/^02\d$/), fc.stringMatching(/^0[3-9]\d{2}$/));

describe('isValidPhone', () => {
  it('takes a local number after an area code whatever digit it starts with (0755-12345678)', () => {
    fc.assert(
      fc.property(areaCode, fc.stringMatching(/^\d{8}$/), fc.boolean(), fc.constantFrom('-', ' ', ''), (area, digits, seven, s) => {
        const local = seven && area.length === 4 ? digits.slice(0, 7) : digits;
        const typed = `${area}${s}${local}`;
        expect(isValidPhone(typed)).toBe(true);
        const stored = canonicalPhone(typed);
        expect(stored).toBe(`${area}-${local}`);
        expect(isValidPhone(stored)).toBe(true);
        expect(isValidPhone(formatPhone(stored))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('still takes a mobile, however typed, and refuses a local number starting with 1 without an area code', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), sep, fc.constantFrom('', '+86 ', '0086'), (n, s, p) => {
        const typed = `${p}${n.slice(0, 3)}${s}${n.slice(3, 7)}${s}${n.slice(7)}`;
        expect(isValidPhone(typed)).toBe(true);
        expect(canonicalPhone(typed)).toBe(n);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^1\d{6,7}$/), (local) => {
        expect(isValidPhone(local)).toBe(false);
      }),
    );
    expect(isValidPhone('0755-12345678')).toBe(true);
    expect(isValidPhone('0138-12345678')).toBe(false);
  });
});

describe('a local number with an extension', () => {
  // Its digits together may look like a 400/800 line (8001234-567), a +86 mobile (86130000-12345)
  // or a Hong Kong number (8531234-5678); the extension must survive being stored and written again.
  const local = fc.oneof(
    fc.stringMatching(/^[2-9]\d{6,7}$/),
    fc.tuple(fc.constantFrom('400', '800', '8613', '8615', '852', '853'), fc.stringMatching(/^\d{4,5}$/)).map(([a, b]) => `${a}${b}`.slice(0, 8)),
  );
  it('keeps number and extension apart, and writing the stored form again changes nothing', () => {
    fc.assert(
      fc.property(local, fc.constantFrom('转', '-', '#', ' ext '), fc.stringMatching(/^\d{1,6}$/), (number, word, ext) => {
        const stored = canonicalPhone(`${number}${word}${ext}`);
        expect(stored).toBe(`${number}-${ext}`);
        expect(canonicalPhone(stored)).toBe(stored);
        expect(canonicalPhone(formatPhone(stored))).toBe(stored);
      }),
      { numRuns: 2000 },
    );
  });
});
