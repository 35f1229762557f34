import type { CustomerClass, LifecycleStage } from './domain-values';

/**
 * Test data builders: every spec starts from a realistic default and overrides what it is about,
 * so no test carries a hand-written blob. The same values fill the UI form and the contract.
 */

/** What the basic tab of the customer card can be filled with (a subset of the contract input). */
export interface CustomerValues {
  name: string;
  shortName?: string;
  code?: string;
  industry?: string;
  province?: string;
  city?: string;
  district?: string;
  address?: string;
  phones?: string[];
  email?: string;
  website?: string;
  source?: string;
  customerClass?: CustomerClass;
  lifecycle?: LifecycleStage;
}

export interface ContactValues {
  name: string;
  title?: string;
  mobile?: string;
  phone?: string;
  email?: string;
  birthday?: string;
  notes?: string;
}

let counter = 0;
/** A code no other customer of this run uses (codes are unique per workspace). */
export function uniqueCode(prefix = 'KC'): string {
  counter += 1;
  return `${prefix}-${String(Date.now() % 100_000).padStart(5, '0')}-${counter}`;
}

/** The example company: a long Chinese name whose pinyin initials start with `zgyd`. */
export function aChinaMobileBranch(overrides: Partial<CustomerValues> = {}): CustomerValues {
  return {
    name: '中国移动通信集团广东有限公司',
    shortName: '广东移动',
    code: 'GD-10086',
    industry: '通信',
    province: '广东省',
    city: '广州市',
    district: '天河区',
    address: '珠江新城珠江西路11号',
    phones: ['020-83331234'],
    email: 'service@gd.chinamobile.com',
    customerClass: 'B',
    lifecycle: 'new',
    ...overrides,
  };
}

/** An ordinary company customer with a unique code. */
export function aCustomer(overrides: Partial<CustomerValues> = {}): CustomerValues {
  return {
    name: '杭州青禾贸易有限公司',
    shortName: '青禾贸易',
    code: uniqueCode(),
    industry: '批发零售',
    province: '浙江省',
    city: '杭州市',
    phones: ['0571-86001234'],
    email: 'info@qinghe.example.cn',
    customerClass: 'C',
    lifecycle: 'prospect',
    ...overrides,
  };
}

export function aContact(overrides: Partial<ContactValues> = {}): ContactValues {
  return {
    name: '张伟',
    title: '销售总监',
    mobile: '13800138000',
    email: 'zhangwei@example.cn',
    birthday: '1980-05-12',
    ...overrides,
  };
}
