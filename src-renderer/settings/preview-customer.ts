import type { Customer } from '../../src-shared/domain/customer';

/** A made-up customer so the preview shows filled-in inputs. */
export function customerRowForPreview(): Customer {
  const now = new Date().toISOString();
  return {
    id: 'preview',
    siteId: '',
    name: '示例科技有限公司',
    shortName: '示例科技',
    code: 'C0001',
    kind: 'company',
    industry: '制造业',
    province: '江苏省',
    city: '苏州市',
    district: '工业园区',
    address: '星湖街 88 号',
    phones: ['0512-66668888'],
    email: 'info@example.com',
    website: 'www.example.com',
    source: '展会',
    ownerId: null,
    ownerName: null,
    customerClass: 'A',
    lifecycle: 'repeat',
    relationshipLevel: 2,
    colorLabel: 'green',
    tags: ['重点'],
    notes: null,
    storeCode: null,
    custom: {},
    createdAt: now,
    updatedAt: now,
  };
}
