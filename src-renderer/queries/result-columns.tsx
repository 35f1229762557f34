import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { CONTACT_RESULT_SORTABLE, type ContactResultDto, type ContactSortField } from '../../src-shared/contract/query-methods';
import { CUSTOMER_SORTABLE, type CustomerListColumn, type CustomerSortField } from '../../src-shared/domain/customer';
import { COLUMN_WIDTH, columnTitle, renderCell } from '../customers/columns';
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
}

export type ResultSortField = CustomerSortField | ContactSortField;
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
    kind: CUSTOMER_KIND[col] ?? 'text',
    sortField: CUSTOMER_SORTABLE.find((f) => f === col),
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

export function contactColumns(): ResultColumn[] {
  return CONTACT_COLUMNS.map((c) => ({
    key: c.key,
    width: c.width,
    title: (t) => t(c.label),
    cell: (_t, r) => (r.kind === 'contact' ? (r.row[c.key] ?? '') : null),
    kind: c.kind,
    sortField: CONTACT_RESULT_SORTABLE.find((f) => f === c.key),
  }));
}
