import type Database from 'better-sqlite3-multiple-ciphers';

// Why the last bundle from or for a partner failed, for the 同步中心's partner list. Kept in
// memory for the open workspace, not in the file: a refused bundle must leave the file exactly as
// it was (its data_version too), and the CLI prints its refusals where they happen.

export interface PartnerError {
  code: string;
  reason: string | null;
  message: string;
  at: string;
}

const errors = new WeakMap<Database.Database, Map<number, PartnerError>>();

export function notePartnerError(db: Database.Database, partnerId: number, error: Omit<PartnerError, 'at'>, at = new Date()): void {
  let byPartner = errors.get(db);
  if (!byPartner) {
    byPartner = new Map<number, PartnerError>();
    errors.set(db, byPartner);
  }
  byPartner.set(partnerId, { ...error, at: at.toISOString() });
}

export function clearPartnerError(db: Database.Database, partnerId: number): void {
  errors.get(db)?.delete(partnerId);
}

export function partnerError(db: Database.Database, partnerId: number): PartnerError | null {
  return errors.get(db)?.get(partnerId) ?? null;
}
