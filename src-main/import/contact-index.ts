import { contactPatch, type contactCreateInput } from '../../src-shared/domain/organisation';
import { duplicateNameKey } from '../../src-shared/import/convert-cells';
import type { DuplicateAction } from '../../src-shared/import/import-settings';
import { phoneDigits } from '../../src-shared/validation/phone-form';
import type { WriteTx } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { insertContact, patchContact } from '../services/organisation/contact-service';
import { readRow } from '../services/shared/entity-writes';

type ContactValues = ReturnType<typeof contactCreateInput.parse>;

interface Known {
  /** The contact's id; null for an earlier row of the file that was not written. */
  id: string | null;
  name: string;
  /** The earlier row of the file, or null for a contact already in the workspace. */
  row: number | null;
}

/**
 * Contacts already under each customer, by (customer, mobile), so importing a contact sheet — or
 * a customer sheet carrying contacts — twice does not add them twice. A contact without a mobile
 * is known by its folded name instead. Writes go through the contact service.
 */
export class ContactIndex {
  private readonly known = new Map<string, Known>();

  constructor(ws: Workspace) {
    const rows = ws.db.prepare('SELECT id, customer_id AS customerId, name, mobile FROM contacts WHERE deleted = 0').iterate() as IterableIterator<{
      id: string;
      customerId: string;
      name: string;
      mobile: string | null;
    }>;
    for (const r of rows) {
      const key = `${r.customerId}\u0000${contactKey(r)}`;
      if (!this.known.has(key)) this.known.set(key, { id: r.id, name: r.name, row: null });
    }
  }

  /** The contact this one duplicates under the customer (in the workspace or earlier in the file). */
  find(customerId: string, values: { name: string; mobile: string | null }): Known | null {
    return this.known.get(`${customerId}\u0000${contactKey(values)}`) ?? null;
  }

  remember(customerId: string, values: { name: string; mobile: string | null }, row: number, id: string | null): void {
    const key = `${customerId}\u0000${contactKey(values)}`;
    if (!this.known.has(key)) this.known.set(key, { id, name: values.name, row });
  }

  /**
   * Writes one contact row under a customer: a new contact, or — when it duplicates one — the
   * row's decision (skip, fill empty fields, overwrite; "create" adds it anyway).
   */
  write(tx: WriteTx, customerId: string, values: ContactValues, row: number, action: DuplicateAction): 'inserted' | 'updated' | 'skipped' {
    const match = this.find(customerId, values);
    if (match && action !== 'create') {
      if (!match.id || action === 'skip') return 'skipped';
      const before = readRow(tx, 'contact', match.id);
      if (!before) return 'skipped';
      const patch: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(values)) {
        if (field === 'customerId' || field === 'custom' || value === null || value === undefined) continue;
        const current = before[field];
        if (action === 'overwrite' || current === null || current === undefined || current === '') patch[field] = value;
      }
      if (values.custom && Object.keys(values.custom).length > 0) patch.custom = values.custom;
      patchContact(tx, match.id, contactPatch.parse(patch));
      return 'updated';
    }
    const id = insertContact(tx, { ...values, customerId });
    this.remember(customerId, values, row, id);
    return 'inserted';
  }
}

function contactKey(c: { name: string; mobile: string | null }): string {
  const digits = c.mobile ? phoneDigits(c.mobile) : '';
  return digits ? `mobile:${digits}` : `name:${duplicateNameKey(c.name)}`;
}
