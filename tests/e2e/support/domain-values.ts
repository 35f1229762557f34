import type { Customer } from '../../../src-shared/domain/customer';

/** Enum values of the domain, taken from the contract's types so a renamed value breaks the build. */
export type CustomerClass = NonNullable<Customer['customerClass']>;
export type LifecycleStage = Customer['lifecycle'];

/** The zh-CN labels the UI shows for them (src-renderer/i18n/zh-CN.ts `enums`). */
export const CLASS_LABEL_ZH: Record<CustomerClass, string> = { A: 'A 类', B: 'B 类', C: 'C 类', D: 'D 类' };
export const LIFECYCLE_LABEL_ZH: Record<LifecycleStage, string> = {
  prospect: '潜在客户',
  new: '新客户',
  repeat: '老客户',
  dormant: '休眠客户',
  lost: '流失客户',
};
