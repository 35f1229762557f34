import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createField } from '../../../src-main/services/custom-fields/field-definition-service';
import { createCustomer, deleteCustomer } from '../../../src-main/services/customers/customer-service';
import { possibleDuplicates } from '../../../src-main/services/customers/possible-duplicates';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// What the new-customer card asks while the user types: is this customer already here?

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => {
  ({ ws, cleanup } = tempWorkspace());
});
afterEach(() => cleanup());

describe('possible duplicates of a new customer', () => {
  it('finds the same name once width, brackets, spaces and case are folded, and not a merely similar one', () => {
    const huawei = createCustomer(ws, testUser, { name: '华为技术（深圳）有限公司' });
    createCustomer(ws, testUser, { name: '华为技术（上海）有限公司' });
    const abc = createCustomer(ws, testUser, { name: 'ＡＢＣ贸易' });

    expect(possibleDuplicates(ws, { name: '华为技术(深圳)有限公司' })).toEqual([
      { id: huawei.id, name: '华为技术（深圳）有限公司', code: null, matchedBy: 'name' },
    ]);
    expect(possibleDuplicates(ws, { name: ' 华为技术 （深圳） 有限公司 ' }).map((d) => d.id)).toEqual([huawei.id]);
    expect(possibleDuplicates(ws, { name: 'abc贸易' }).map((d) => d.id)).toEqual([abc.id]);
    expect(possibleDuplicates(ws, { name: '华为技术' })).toEqual([]);
    expect(possibleDuplicates(ws, { name: '华为技术（深圳）有限公司', excludeId: huawei.id })).toEqual([]);
  });

  it('finds a phone with the same digits however it is written, and the same code', () => {
    const a = createCustomer(ws, testUser, { name: '南京紫金软件有限公司', phones: ['138 0013 8000'], code: 'NJ-001' });
    createCustomer(ws, testUser, { name: '苏州园林设计院', phones: ['0512-65123456'] });

    expect(possibleDuplicates(ws, { name: '别的名字', phones: ['+86 13800138000'] })).toEqual([
      { id: a.id, name: a.name, code: 'NJ-001', matchedBy: 'phone' },
    ]);
    expect(possibleDuplicates(ws, { phones: ['１３８００１３８０００'] }).map((d) => d.matchedBy)).toEqual(['phone']);
    expect(possibleDuplicates(ws, { phones: ['13800138001'] })).toEqual([]);
    expect(possibleDuplicates(ws, { code: 'NJ-001' }).map((d) => d.id)).toEqual([a.id]);
    // One customer matched twice is listed once, by what matched first.
    expect(possibleDuplicates(ws, { name: '南京紫金软件有限公司', phones: ['13800138000'], code: 'NJ-001' })).toHaveLength(1);
  });

  it('compares a 统一社会信用代码 field, and never offers a deleted customer', () => {
    const field = createField(ws, testUser, { entity: 'customer', label: '统一社会信用代码', type: 'text' });
    const a = createCustomer(ws, testUser, { name: '杭州西湖茶业有限公司', custom: { [field.columnName]: '91330100MA27XYZ12K' } });
    expect(possibleDuplicates(ws, { custom: { [field.columnName]: '91330100ma27xyz12k' } })).toEqual([
      { id: a.id, name: a.name, code: null, matchedBy: 'taxId' },
    ]);

    deleteCustomer(ws, testUser, a.id);
    expect(possibleDuplicates(ws, { name: '杭州西湖茶业有限公司', custom: { [field.columnName]: '91330100MA27XYZ12K' } })).toEqual([]);
  });
});
