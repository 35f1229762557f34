import { formatPhone } from '../../../src-shared/validation/phone-form';
import ExcelJS from 'exceljs';
import { createPrivateWriteStream } from '../../files/private-files';
import type { Workspace } from '../../db/workspace';
import type { FieldView } from '../../people/field-view';
import { listFields } from '../custom-fields/field-registry';
import { readCustomValues } from '../custom-fields/custom-values';
import { CUSTOMER_COLUMNS_SQL, CUSTOMER_FROM_SQL, toCustomer, type CustomerDbRow } from '../customers/customer-row';

// The whole workspace as one workbook, a sheet per entity, with the headers and value words the
// import wizard recognises, so that exporting and importing again loses nothing.

const KIND = { company: '公司', individual: '个人' } as const;
const LIFECYCLE = { prospect: '潜在客户', new: '新客户', repeat: '老客户', dormant: '休眠客户', lost: '流失客户' } as const;
const COLOR = { green: '绿色', yellow: '黄色', red: '红色', blue: '蓝色', purple: '紫色', gray: '灰色' } as const;

/**
 * `view`: the exporter's per-field rules — a hidden field is no column of the file, a masked one
 * is written masked (the same presenter as their screens).
 */
export async function exportWorkspaceWorkbook(ws: Workspace, path: string, view?: FieldView): Promise<{ customers: number; contacts: number }> {
  const shownIn = (entity: 'customer' | 'contact', key: string) =>
    !view || view.keyAccess(entity, key === 'ownerName' ? 'ownerId' : key) !== 'hidden';
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createPrivateWriteStream(path), useSharedStrings: true, useStyles: true });
  const customFields = listFields(ws, 'customer').filter((f) => f.type !== 'computedTotal');
  const customers = wb.addWorksheet('客户');
  customers.columns = [
    ['code', '客户编号'],
    ['name', '客户名称'],
    ['shortName', '简称'],
    ['kind', '客户类型'],
    ['industry', '行业'],
    ['province', '省份'],
    ['city', '城市'],
    ['district', '区县'],
    ['address', '地址'],
    ['phones', '电话'],
    ['email', '邮箱'],
    ['website', '网站'],
    ['source', '来源'],
    ['ownerName', '负责人'],
    ['customerClass', '客户等级'],
    ['lifecycle', '客户状态'],
    ['relationshipLevel', '客情关系'],
    ['colorLabel', '颜色标签'],
    ['tags', '标签'],
    ['notes', '备注'],
    ['storeCode', '门店'],
    ...customFields.map((f) => [f.columnName, f.label] as const),
  ]
    .filter(([key]) => shownIn('customer', key))
    .map(([key, header]) => ({ key, header, width: 16 }));
  let customerCount = 0;
  const stmt = ws.db.prepare(`SELECT ${CUSTOMER_COLUMNS_SQL} FROM ${CUSTOMER_FROM_SQL} WHERE c.deleted = 0 ORDER BY c.seq`);
  const batch: CustomerDbRow[] = [];
  const flush = () => {
    const custom = readCustomValues(
      ws,
      'customer',
      batch.map((r) => r.id),
    );
    for (const r of batch) {
      const c = view
        ? view.row('customer', { ...toCustomer(r), custom: custom.get(r.id) ?? {} })
        : { ...toCustomer(r), custom: custom.get(r.id) ?? {} };
      const values = c.custom;
      customers
        .addRow({
          ...c,
          kind: KIND[c.kind],
          lifecycle: LIFECYCLE[c.lifecycle],
          colorLabel: c.colorLabel ? COLOR[c.colorLabel] : null,
          phones: c.phones.map(formatPhone).join('、'),
          tags: c.tags.join('、'),
          ...Object.fromEntries(customFields.map((f) => [f.columnName, exportCustom(f.type, values[f.columnName], f.options)])),
        })
        .commit();
      customerCount += 1;
    }
    batch.length = 0;
  };
  for (const row of stmt.iterate() as IterableIterator<CustomerDbRow>) {
    batch.push(row);
    if (batch.length === 500) flush();
  }
  flush();
  customers.commit();

  const contacts = wb.addWorksheet('联系人');
  contacts.columns = [
    ['customerCode', '客户编号'],
    ['customer', '客户名称'],
    ['department', '部门'],
    ['name', '联系人'],
    ['title', '职务'],
    ['mobile', '手机'],
    ['phone', '电话'],
    ['email', '邮箱'],
    ['birthday', '生日'],
    ['notes', '备注'],
  ]
    .filter(([key]) =>
      key === 'customerCode' ? shownIn('customer', 'code') : key === 'customer' ? shownIn('customer', 'name') : shownIn('contact', key as string),
    )
    .map(([key, header]) => ({ key, header, width: 16 }));
  let contactCount = 0;
  const contactRows = ws.db
    .prepare(
      `SELECT c.code AS customerCode, c.name AS customer, d.name AS department, ct.name, ct.title, ct.mobile, ct.phone, ct.email, ct.birthday, ct.notes
       FROM contacts ct JOIN customers c ON c.id = ct.customer_id LEFT JOIN departments d ON d.id = ct.department_id AND d.deleted = 0
       WHERE ct.deleted = 0 AND c.deleted = 0 ORDER BY c.seq, ct.name`,
    )
    .iterate() as IterableIterator<Record<string, string | null>>;
  for (const raw of contactRows) {
    const r = view ? presentContactLine(view, raw) : raw;
    contacts.addRow({ ...r, mobile: r.mobile ? formatPhone(r.mobile) : null, phone: r.phone ? formatPhone(r.phone) : null }).commit();
    contactCount += 1;
  }
  contacts.commit();
  await wb.commit();
  return { customers: customerCount, contacts: contactCount };
}

function exportCustom(type: string, value: unknown, options: readonly { value: string; label: string }[]): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'money' && typeof value === 'number') return (value / 100).toFixed(2);
  if (type === 'percent' && typeof value === 'number') return `${value / 100}%`;
  if (type === 'boolean') return value ? '是' : '否';
  if (type === 'select') return options.find((o) => o.value === value)?.label ?? value;
  if (type === 'multiSelect' && Array.isArray(value)) return value.map((v) => options.find((o) => o.value === v)?.label ?? String(v)).join('、');
  return value;
}

/** A contacts-sheet line: its customer's code and name follow the customer rules, the rest the contact rules. */
function presentContactLine(view: FieldView, line: Record<string, string | null>): Record<string, string | null> {
  const { customerCode, customer, ...rest } = line;
  const owner = view.row('customer', { code: customerCode ?? null, name: customer ?? '' });
  return { ...view.row('contact', rest), customerCode: owner.code, customer: owner.name };
}
