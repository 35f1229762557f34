import { formatPhone } from '../../src-shared/validation/phone-form';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { CONTACT_RESULT_SORTABLE, type ContactResultDto, type ContactSortField } from '../../src-shared/contract/query-methods';
import { CUSTOMER_SORTABLE, type CustomerListColumn, type CustomerSortField } from '../../src-shared/domain/customer';
import { COLOR_LABELS, CUSTOMER_KINDS, LIFECYCLE_STAGES, RELATIONSHIP_LEVELS } from '../../src-shared/domain/enums';
import { COLUMN_WIDTH, columnTitle, renderCell } from '../customers/columns';
import { enumLabel } from '../i18n/labels';
import type { ResultRow } from './use-result-pages';

export interface ResultColumn {
  key: string;
  width: number;
  title(t: TFunction): string;
  cell(t: TFunction, row: ResultRow): ReactNode;
  /** How the column is written to a spreadsheet. */
  kind: 'text' | 'number' | 'date' | 'datetime' | 'list';
  /** Set when the list can sort by the column (a whitelisted sort field of queries.run). */
  sortField?: ResultSortField | undefined;
  /** Stored value → the words the list shows, so an export reads 潜在客户, not `prospect`. */
  labels?: ((t: TFunction) => Record<string, string>) | undefined;
}

/** Enum columns of a customer and every value they can hold. */
const CUSTOMER_ENUMS: Partial<Record<CustomerListColumn, readonly (string | number)[]>> = {
  kind: CUSTOMER_KINDS,
  lifecycle: LIFECYCLE_STAGES,
  relationshipLevel: RELATIONSHIP_LEVELS,
  colorLabel: COLOR_LABELS,
};

function enumLabels(col: CustomerListColumn): ResultColumn['labels'] {
  const values = CUSTOMER_ENUMS[col];
  if (!values) return undefined;
  return (t) => Object.fromEntries(values.map((v) => [String(v), enumLabel(t, col, v)]));
}

/** `figure`: the computed number of a drill's list (result-figure.ts). */
export type ResultSortField = CustomerSortField | ContactSortField | 'figure';
export interface ResultSort {
  field: ResultSortField;
  dir: 'asc' | 'desc';
}

const CUSTOMER_KIND: Partial<Record<CustomerListColumn, ResultColumn['kind']>> = {
  phones: 'list',
  tags: 'list',
  relationshipLevel: 'number',
  createdAt: 'datetime',
  updatedAt: 'datetime',
};

export function customerColumns(columns: readonly CustomerListColumn[]): ResultColumn[] {
  return columns.map((col) => ({
    key: col,
    width: COLUMN_WIDTH[col],
    title: (t) => columnTitle(t, col),
    cell: (t, r) => (r.kind === 'customer' ? renderCell(t, col, r.row) : null),
    kind: CUSTOMER_ENUMS[col] ? 'text' : (CUSTOMER_KIND[col] ?? 'text'),
    sortField: CUSTOMER_SORTABLE.find((f) => f === col),
    labels: enumLabels(col),
  }));
}

const CONTACT_COLUMNS: { key: keyof ContactResultDto; width: number; label: string; kind: ResultColumn['kind'] }[] = [
  { key: 'name', width: 120, label: 'contact.name', kind: 'text' },
  { key: 'customerName', width: 240, label: 'qb.contactField.customerName', kind: 'text' },
  { key: 'title', width: 120, label: 'contact.title', kind: 'text' },
  { key: 'mobile', width: 130, label: 'contact.mobile', kind: 'text' },
  { key: 'phone', width: 130, label: 'contact.phone', kind: 'text' },
  { key: 'email', width: 180, label: 'contact.email', kind: 'text' },
  { key: 'birthday', width: 110, label: 'contact.birthday', kind: 'date' },
];

/** Phones read formatted (138 1234 5678); everything else as stored. */
function shownContactValue(key: keyof ContactResultDto, value: ContactResultDto[keyof ContactResultDto]) {
  if ((key === 'mobile' || key === 'phone') && typeof value === 'string') return formatPhone(value);
  return value ?? '';
}

export function contactColumns(): ResultColumn[] {
  return CONTACT_COLUMNS.map((c) => ({
    key: c.key,
    width: c.width,
    title: (t) => t(c.label),
    cell: (_t, r) => (r.kind === 'contact' ? shownContactValue(c.key, r.row[c.key]) : null),
    kind: c.kind,
    sortField: CONTACT_RESULT_SORTABLE.find((f) => f === c.key),
  }));
}
