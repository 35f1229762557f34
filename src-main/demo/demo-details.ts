// Small realistic details shared by demo customers, contacts and staff: person names, phone
// numbers with the right area codes, mail addresses, street addresses, birthdays.
import { pinyinKeys } from '../services/search/pinyin-keys';
import { BUILDINGS, STREETS, type City } from './data/regions';
import { FREE_MAIL, GIVEN_FEMALE, GIVEN_MALE, MOBILE_PREFIXES, SURNAMES } from './data/people';
import type { Rng } from './prng';

export function personName(rng: Rng): string {
  const surname = rng.weighted(SURNAMES);
  const given = rng.chance(0.55) ? rng.pick(GIVEN_MALE) : rng.pick(GIVEN_FEMALE);
  // Two-character given names are the norm; a single character is common too (王伟, 李娜).
  if (given.length === 1 && rng.chance(0.45)) {
    const second = rng.chance(0.5) ? rng.pick(GIVEN_MALE) : rng.pick(GIVEN_FEMALE);
    if (second.length === 1 && second !== given) return surname + given + second;
  }
  return surname + given;
}

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** A landline in the city's own numbering: "020-83338888", "0754-8123456", optional extension. */
export function landline(rng: Rng, city: City, extension = false): string {
  const local = String(rng.int(2, 8)) + rng.digits(city.localDigits - 1);
  const base = `${city.areaCode}-${local}`;
  return extension ? `${base}-${rng.int(800, 8999)}` : base;
}

/** Nationwide service numbers (400-xxx-xxxx) that larger companies print on their material. */
export function serviceNumber(rng: Rng): string {
  return `400-${rng.int(100, 999)}-${rng.digits(4)}`;
}

/** Latin form of a Chinese name for mail addresses and domains (华信 → huaxin). */
export function latinOf(text: string): string {
  return pinyinKeys(text).full.replace(/[^a-z]/g, '');
}

export function freeMail(rng: Rng, name: string): string {
  const host = rng.weighted(FREE_MAIL);
  // QQ mail is mostly the QQ number itself.
  if (host === 'qq.com' && rng.chance(0.7)) return `${rng.int(1, 9)}${rng.digits(rng.int(5, 9))}@qq.com`;
  const latin = latinOf(name) || 'user';
  return `${latin}${rng.chance(0.6) ? rng.int(1, 9999) : ''}@${host}`;
}

export function streetAddress(rng: Rng): string {
  const street = rng.pick(STREETS);
  const number = rng.int(1, 999);
  const roll = rng.float();
  if (roll < 0.45) return `${street}${number}号${rng.pick(BUILDINGS)}${rng.int(1, 32)}${String(rng.int(1, 20)).padStart(2, '0')}室`;
  if (roll < 0.7) return `${street}${number}号${rng.int(1, 12)}栋${rng.int(1, 6)}楼`;
  return `${street}${number}号`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** A valid YYYY-MM-DD birthday of a working-age adult. */
export function birthday(rng: Rng): string {
  const year = rng.int(1958, 2001);
  const month = rng.int(1, 12);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 28);
  const day = rng.int(1, days);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Fills `{key}` placeholders in a note template. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}
