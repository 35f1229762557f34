import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { importSettings } from '../../../src-shared/import/import-settings';
import { runImport } from '../../../src-main/import/run-import';
import { createField } from '../../../src-main/services/custom-fields/field-definition-service';
import { getCustomerCard, listCustomers } from '../../../src-main/services/customers/customer-queries';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { createEmployee } from '../../../src-main/services/employees/employee-service';
import { exportWorkspaceWorkbook } from '../../../src-main/services/export/export-workspace';
import { createContact } from '../../../src-main/services/organisation/contact-service';
import { createDepartment } from '../../../src-main/services/organisation/department-service';
import { tempDir, testUser } from '../../support/temp-workspace';

let dir: string;
let cleanup: () => void;
let source: Workspace;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  source = openWorkspace(join(dir, 'source.kecard'), { create: true });
});
afterEach(() => {
  source.close();
  cleanup();
});

/** Everything the user sees on a card, without ids and times that a new workspace gives anew. */
function cardsOf(ws: Workspace) {
  return listCustomers(ws, { offset: 0, limit: 100 })
    .rows.map((c) => {
      const card = getCustomerCard(ws, c.id);
      const depName = new Map(card.departments.map((d) => [d.id, d.name]));
      const { id: _id, siteId: _s, ownerId: _o, createdAt: _c, updatedAt: _u, custom, ...rest } = c;
      return {
        ...rest,
        custom: Object.values(custom),
        contacts: card.contacts
          .map(({ id: _i, customerId: _cu, departmentId, ...ct }) => ({ ...ct, department: departmentId ? depName.get(departmentId) : null }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    })
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
}

describe('workspace workbook', () => {
  it('exports every customer and contact and imports them back without loss', async () => {
    const owner = createEmployee(source, testUser, { name: '李经理' });
    const credit = createField(source, testUser, { entity: 'customer', label: '信用额度', type: 'money' });
    const level = createField(source, testUser, {
      entity: 'customer',
      label: '信用等级',
      type: 'select',
      options: [
        { value: 'good', label: '优质' },
        { value: 'risk', label: '高危' },
      ],
    });
    const a = createCustomer(source, testUser, {
      name: '广州华信电子科技有限公司',
      shortName: '华信',
      code: 'KH001',
      kind: 'company',
      industry: '电子',
      province: '广东',
      city: '广州',
      district: '天河区',
      address: '天河路 100 号',
      phones: ['020-83338888', '13812345678'],
      email: 'sales@huaxin.cn',
      website: 'www.huaxin.cn',
      source: '展会',
      ownerId: owner.id,
      customerClass: 'A',
      lifecycle: 'repeat',
      relationshipLevel: 3,
      colorLabel: 'green',
      tags: ['VIP', '老客户'],
      notes: '=1+1 不是公式',
      custom: { [credit.columnName]: '12,345.67', [level.columnName]: '优质' },
    });
    createCustomer(source, testUser, { name: '王小明', code: 'KH002', kind: 'individual', lifecycle: 'prospect', phones: ['+8613900000000'] });
    const dept = createDepartment(source, testUser, { customerId: a.id, name: '采购部' });
    createContact(source, testUser, {
      customerId: a.id,
      departmentId: dept.id,
      name: '张伟',
      title: '采购经理',
      mobile: '13800138000',
      birthday: '1984-02-29',
      email: 'zw@huaxin.cn',
    });
    createContact(source, testUser, { customerId: a.id, name: '刘洋', phone: '020-83338889', notes: '财务' });

    const file = join(dir, '导出.xlsx');
    expect(await exportWorkspaceWorkbook(source, file)).toEqual({ customers: 2, contacts: 2 });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const target = openWorkspace(join(dir, 'target.kecard'), { create: true });
    createEmployee(target, testUser, { name: '李经理' });
    createField(target, testUser, { entity: 'customer', label: '信用额度', type: 'money' });
    createField(target, testUser, {
      entity: 'customer',
      label: '信用等级',
      type: 'select',
      options: [
        { value: 'good', label: '优质' },
        { value: 'risk', label: '高危' },
      ],
    });
    const customers = await runImport(target, testUser, file, importSettings.parse({ target: 'customers', read: { sheet: '客户' } }), {
      dryRun: false,
    });
    expect(customers.problems).toEqual([]);
    const contacts = await runImport(target, testUser, file, importSettings.parse({ target: 'contacts', read: { sheet: '联系人' } }), {
      dryRun: false,
    });
    expect(contacts.written).toEqual({ inserted: 2, updated: 0, skipped: 0 });
    expect(cardsOf(target)).toEqual(cardsOf(source));
    target.close();
  });
});
