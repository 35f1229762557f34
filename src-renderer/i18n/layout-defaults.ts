// Labels of the built-in layout parts. The default layout is data in the workspace and carries the
// Chinese labels; while a tab or section still has its default label it is shown translated, and
// a label the manager typed is shown as typed.

export const layoutDefaultsZhCN = {
  layoutDefaults: {
    tab: {
      basic: '基本信息',
      organisation: '组织机构与联系人',
      orders: '订单',
      receipts: '收款',
      purchased: '已购产品',
      staff: '相关员工',
      expenses: '费用',
      history: '变动历史',
    },
    section: {
      identity: '客户资料',
      contact: '联系方式',
      status: '分类与状态',
      custom: '自定义字段',
      notes: '备注',
      unplaced: '未放置字段',
      main: '联系人',
    },
  },
};

export const layoutDefaultsEn: typeof layoutDefaultsZhCN = {
  layoutDefaults: {
    tab: {
      basic: 'Basic information',
      organisation: 'Organisation & contacts',
      orders: 'Orders',
      receipts: 'Receipts',
      purchased: 'Purchased products',
      staff: 'Related staff',
      expenses: 'Expenses',
      history: 'History',
    },
    section: {
      identity: 'Company',
      contact: 'Contact details',
      status: 'Class & status',
      custom: 'Custom fields',
      notes: 'Notes',
      unplaced: 'Unplaced fields',
      main: 'Contact',
    },
  },
};

type Part = 'tab' | 'section';

/** The label to show for a layout tab or section. */
export function layoutLabel(t: (key: string) => string, part: Part, key: string, label: string): string {
  const defaults: Record<string, string> = layoutDefaultsZhCN.layoutDefaults[part];
  return defaults[key] === label ? t(`layoutDefaults.${part}.${key}`) : label;
}
