import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { BusinessRecord, BusinessType, Expense } from '../../src-shared/domain/business';
import type { RelatedList } from '../../src-shared/domain/card-layout';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import type { CustomerRelated } from '../../src-shared/contract/card-methods';
import { formatMoney } from '../../src-shared/money';
import { bpToZhe } from '../../src-shared/order-discount';
import { customText } from '../card/custom-values';
import { Swatch } from '../card/CustomFieldInput';
import { formatDateTime } from '../i18n/labels';

export type OrderRow = CustomerRelated['orders'][number];
export type ReceiptRow = CustomerRelated['receipts'][number];
export type StaffRow = CustomerRelated['staff'][number];
export type PurchasedRow = CustomerRelated['purchased'][number];

export interface ColumnDef<Row> {
  key: string;
  label: string;
  numeric?: boolean;
  cell(row: Row): ReactNode;
}

export const money = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : formatMoney(fen, { symbol: true }));
export const quantity = (milli: number) => String(milli / 1000);

export function orderColumns(t: TFunction): ColumnDef<OrderRow>[] {
  return [
    { key: 'orderNo', label: t('cards.sales.orderNo'), cell: (o) => o.orderNo },
    { key: 'orderDate', label: t('cards.sales.orderDate'), cell: (o) => o.orderDate },
    { key: 'status', label: t('cards.sales.status'), cell: (o) => t(`cards.sales.orderStatus.${o.status}`) },
    { key: 'lineCount', label: t('cards.sales.lineCount'), numeric: true, cell: (o) => o.lines.length },
    {
      key: 'discountFen',
      label: t('cards.sales.orderDiscount'),
      numeric: true,
      cell: (o) =>
        o.discountBp === null ? money(o.discountFen) : `${money(o.discountFen)} (${t('cards.sales.discountRate', { zhe: bpToZhe(o.discountBp) })})`,
    },
    { key: 'totalFen', label: t('cards.sales.total'), numeric: true, cell: (o) => money(o.totalFen) },
    { key: 'receivedFen', label: t('cards.sales.received'), numeric: true, cell: (o) => money(o.receivedFen) },
    { key: 'outstandingFen', label: t('cards.sales.outstanding'), numeric: true, cell: (o) => money(o.totalFen - o.receivedFen) },
    { key: 'notes', label: t('cards.sales.notes'), cell: (o) => o.notes ?? '' },
  ];
}

export function receiptColumns(t: TFunction): ColumnDef<ReceiptRow>[] {
  return [
    { key: 'receiptDate', label: t('cards.sales.receiptDate'), cell: (r) => r.receiptDate },
    { key: 'amountFen', label: t('cards.sales.amount'), numeric: true, cell: (r) => money(r.amountFen) },
    { key: 'method', label: t('cards.sales.method'), cell: (r) => r.method ?? '' },
    { key: 'orderNo', label: t('cards.sales.orderNo'), cell: (r) => r.orderNo ?? '' },
    { key: 'notes', label: t('cards.sales.notes'), cell: (r) => r.notes ?? '' },
  ];
}

export function purchasedColumns(t: TFunction): ColumnDef<PurchasedRow>[] {
  return [
    { key: 'productName', label: t('cards.sales.product'), cell: (p) => p.productName },
    { key: 'quantityMilli', label: t('cards.sales.quantity'), numeric: true, cell: (p) => quantity(p.quantityMilli) },
    { key: 'amountFen', label: t('cards.sales.amount'), numeric: true, cell: (p) => money(p.amountFen) },
    { key: 'orderCount', label: t('cards.sales.orderCount'), numeric: true, cell: (p) => p.orderCount },
    { key: 'lastOrderDate', label: t('cards.sales.lastOrderDate'), cell: (p) => p.lastOrderDate },
  ];
}

export function staffColumns(t: TFunction): ColumnDef<StaffRow>[] {
  return [
    { key: 'employeeName', label: t('cards.sales.employee'), cell: (s) => s.employeeName },
    { key: 'role', label: t('cards.sales.role'), cell: (s) => s.role ?? '' },
    { key: 'notes', label: t('cards.sales.notes'), cell: (s) => s.notes ?? '' },
  ];
}

export function expenseColumns(t: TFunction): ColumnDef<Expense>[] {
  return [
    { key: 'expenseDate', label: t('cards.expenses.date'), cell: (e) => e.expenseDate },
    { key: 'categoryPath', label: t('cards.expenses.category'), cell: (e) => e.categoryPath.join(' / ') },
    { key: 'amountFen', label: t('cards.expenses.amount'), numeric: true, cell: (e) => money(e.amountFen) },
    { key: 'recordTitle', label: t('cards.expenses.record'), cell: (e) => e.recordTitle },
    { key: 'customerName', label: t('cards.expenses.customer'), cell: (e) => e.customerName },
    { key: 'employeeName', label: t('cards.expenses.employee'), cell: (e) => e.employeeName ?? '' },
    { key: 'note', label: t('cards.expenses.note'), cell: (e) => e.note ?? '' },
  ];
}

export function StatusBadge({ type, status }: { type: BusinessType; status: string }) {
  const s = type.statuses.find((x) => x.key === status);
  return (
    <span className={`status-badge${s?.final ? ' final' : ''}`} data-status={status}>
      <Swatch color={s?.color} />
      {s?.label ?? status}
    </span>
  );
}

/** Built-in record columns plus the type's custom fields (by column name). */
export function recordColumns(t: TFunction, type: BusinessType, fields: readonly CustomField[]): ColumnDef<BusinessRecord>[] {
  return [
    { key: 'title', label: t('cards.biz.title'), cell: (r) => r.title },
    { key: 'status', label: t('cards.biz.status'), cell: (r) => <StatusBadge type={type} status={r.status} /> },
    { key: 'customerName', label: t('cards.biz.customer'), cell: (r) => r.customerName },
    { key: 'employeeName', label: t('cards.biz.employee'), cell: (r) => r.employeeName ?? '' },
    { key: 'expenseTotalFen', label: t('cards.biz.expenseTotal'), numeric: true, cell: (r) => money(r.expenseTotalFen) },
    { key: 'statusChangedAt', label: t('cards.biz.statusChangedAt'), cell: (r) => formatDateTime(r.statusChangedAt) },
    { key: 'createdAt', label: t('cards.biz.createdAt'), cell: (r) => formatDateTime(r.createdAt) },
    { key: 'updatedAt', label: t('cards.biz.updatedAt'), cell: (r) => formatDateTime(r.updatedAt) },
    ...fields.map((f) => ({
      key: f.columnName,
      label: f.label,
      numeric: ['integer', 'decimal', 'money', 'percent'].includes(f.type),
      cell: (r: BusinessRecord) => customText(t, f, r.custom[f.columnName]),
    })),
  ];
}

/** Column choices per related list, for the layout editor and the preview (no data needed). */
export function relatedColumnChoices(
  t: TFunction,
  kind: RelatedList,
  type?: BusinessType,
  fields: readonly CustomField[] = [],
): { key: string; label: string }[] {
  const pick = <R,>(defs: ColumnDef<R>[]) => defs.map((d) => ({ key: d.key, label: d.label }));
  switch (kind) {
    case 'orders':
      return pick(orderColumns(t));
    case 'receipts':
      return pick(receiptColumns(t));
    case 'purchased':
      return pick(purchasedColumns(t));
    case 'staff':
      return pick(staffColumns(t));
    case 'expenses':
      return pick(expenseColumns(t));
    case 'records':
      return type ? pick(recordColumns(t, type, fields)) : [];
    default:
      return [];
  }
}

/** The layout's columns in its order, or every column when it names none. */
export function chosen<R>(defs: ColumnDef<R>[], keys: readonly string[]): ColumnDef<R>[] {
  if (keys.length === 0) return defs;
  const byKey = new Map(defs.map((d) => [d.key, d]));
  return keys.map((k) => byKey.get(k)).filter((d): d is ColumnDef<R> => d !== undefined);
}
