import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Customer, CustomerListColumn } from '../../src-shared/domain/customer';
import { ColorDot } from '../components/ColorDot';
import { customerValueText, enumLabel } from '../i18n/labels';
import { currentStoreSites } from '../sync/store-sites';
import { storeText } from '../sync/store-text';

/** Column widths in px: a dense desktop table, wide enough for typical Chinese values. */
export const COLUMN_WIDTH: Record<CustomerListColumn, number> = {
  name: 260,
  shortName: 120,
  code: 110,
  kind: 70,
  industry: 110,
  province: 96,
  city: 80,
  district: 90,
  address: 240,
  phones: 150,
  email: 180,
  source: 100,
  ownerName: 90,
  customerClass: 80,
  lifecycle: 90,
  relationshipLevel: 100,
  colorLabel: 84,
  tags: 160,
  createdAt: 130,
  updatedAt: 130,
  storeCode: 120,
};

export function columnTitle(t: TFunction, col: CustomerListColumn): string {
  return t(`customer.${col}`);
}

/** One cell's content: enums in words, colour labels as dots, classes as badges. */
export function renderCell(t: TFunction, col: CustomerListColumn, c: Customer): ReactNode {
  switch (col) {
    case 'colorLabel':
      return c.colorLabel ? (
        <span className="cell-color">
          <ColorDot color={c.colorLabel} />
          {enumLabel(t, 'colorLabel', c.colorLabel)}
        </span>
      ) : null;
    case 'customerClass':
      return c.customerClass ? <span className={`class-badge class-${c.customerClass}`}>{c.customerClass}</span> : null;
    case 'lifecycle':
      return <span className={`lifecycle lifecycle-${c.lifecycle}`}>{enumLabel(t, 'lifecycle', c.lifecycle)}</span>;
    case 'tags':
      return c.tags.map((tag) => (
        <span key={tag} className="tag-chip small">
          {tag}
        </span>
      ));
    case 'name':
      return <span className="cell-name">{c.name}</span>;
    case 'storeCode':
      return storeText(c.storeCode, currentStoreSites());
    default:
      return customerValueText(t, col, c[col]);
  }
}
