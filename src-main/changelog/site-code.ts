import type Database from 'better-sqlite3-multiple-ciphers';
import { KecardError } from '../../src-shared/errors';

// A site's short code (门店代码, e.g. NJ01), given when it joins a sync network (issue 18) and
// put in front of the numbers it generates, so that two stores numbering their day's orders from
// 0001 do not both make SO20261206-0001. A workspace on its own has none and numbers as before.

const SITE_CODE = /^[A-Z0-9]{2,8}$/;

export function siteCode(db: Database.Database): string | null {
  return (db.prepare("SELECT value FROM meta WHERE key = 'site_code'").pluck().get() as string | undefined) ?? null;
}

export function setSiteCode(db: Database.Database, code: string): void {
  if (!SITE_CODE.test(code)) throw new KecardError('VALIDATION', 'A site code is 2–8 capital letters or digits.', { fields: { code: 'invalid' } });
  db.prepare("INSERT INTO meta (key, value) VALUES ('site_code', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(code);
}

/** What generated numbers start with on this site: "NJ01-", or nothing. */
export function generatedNumberPrefix(db: Database.Database): string {
  const code = siteCode(db);
  return code ? `${code}-` : '';
}
