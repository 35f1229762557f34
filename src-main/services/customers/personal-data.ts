import type { CustomFieldEntity, CustomFieldType } from '../../../src-shared/domain/custom-fields';

/**
 * What a purge removes: the personal data of one customer, wherever its card keeps it. Each
 * entry names a table, how its rows belong to the customer, and the built-in fields that are
 * personal (names, phones, e-mail, addresses, ID-like numbers, notes and any free text), with
 * the value a cleared field takes (NOT NULL columns get '' or '[]'). Custom values follow the
 * rule in `isPersonalCustomType`. Everything not listed stays: amounts, quantities, dates,
 * statuses, classes, ids and links, so orders, receipts and expenses still add up in reports.
 *
 * Field names are as in the contract and the change log; `column` is the SQL column.
 */
export interface PersonalField {
  field: string;
  column: string;
  cleared: '' | '[]' | null;
}

export interface PersonalEntity {
  /** The change-log entity name. */
  entity: string;
  table: string;
  /** SQL condition selecting the customer's rows; `?` is the customer id. */
  belongs: string;
  fields: readonly PersonalField[];
  /** Which custom-field entity's cf_ columns live on this table, if any. */
  custom: CustomFieldEntity | null;
}

const f = (field: string, column: string, cleared: PersonalField['cleared'] = null): PersonalField => ({ field, column, cleared });

export const PERSONAL_ENTITIES: readonly PersonalEntity[] = [
  {
    entity: 'customer',
    table: 'customers',
    belongs: 'id = ?',
    fields: [
      f('name', 'name', ''),
      f('sortKey', 'sort_key', ''),
      f('shortName', 'short_name'),
      f('code', 'code'),
      f('province', 'province'),
      f('city', 'city'),
      f('district', 'district'),
      f('address', 'address'),
      f('phones', 'phones', '[]'),
      f('email', 'email'),
      f('website', 'website'),
      f('tags', 'tags', '[]'),
      f('notes', 'notes'),
    ],
    custom: 'customer',
  },
  {
    entity: 'contact',
    table: 'contacts',
    belongs: 'customer_id = ?',
    fields: [
      f('name', 'name', ''),
      f('title', 'title'),
      f('mobile', 'mobile'),
      f('phone', 'phone'),
      f('email', 'email'),
      f('birthday', 'birthday'),
      f('notes', 'notes'),
    ],
    custom: 'contact',
  },
  // A department's name can name a person (张总办公室); the tree itself stays.
  { entity: 'department', table: 'departments', belongs: 'customer_id = ?', fields: [f('name', 'name', '')], custom: null },
  { entity: 'order', table: 'orders', belongs: 'customer_id = ?', fields: [f('notes', 'notes')], custom: 'order' },
  { entity: 'receipt', table: 'receipts', belongs: 'customer_id = ?', fields: [f('notes', 'notes')], custom: null },
  { entity: 'businessRecord', table: 'business_records', belongs: 'customer_id = ?', fields: [f('title', 'title', '')], custom: 'record' },
  { entity: 'expense', table: 'expenses', belongs: 'customer_id = ?', fields: [f('note', 'note')], custom: null },
  { entity: 'customerStaff', table: 'customer_staff', belongs: 'customer_id = ?', fields: [f('notes', 'notes')], custom: null },
  {
    entity: 'classificationOverride',
    table: 'classification_overrides',
    belongs: 'customer_id = ?',
    fields: [f('reason', 'reason', '')],
    custom: null,
  },
];

/** Free text can hold anything personal; numbers, money, dates, options and links cannot name anyone by themselves. */
const FREE_TEXT_TYPES: ReadonlySet<CustomFieldType> = new Set(['text', 'longText', 'phone', 'email', 'url']);

/**
 * On the customer and its contacts every custom value is personal (a date may be a birthday, a
 * number an ID card's). On orders and records only free text is: their amounts and dates keep
 * reports right. A column whose type is no longer known counts as personal.
 */
export function isPersonalCustomType(entity: CustomFieldEntity, type: CustomFieldType | null): boolean {
  if (entity === 'customer' || entity === 'contact') return true;
  return type === null || FREE_TEXT_TYPES.has(type);
}

export function personalEntity(entity: string): PersonalEntity | undefined {
  return PERSONAL_ENTITIES.find((p) => p.entity === entity);
}
