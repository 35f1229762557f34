/** 快速查询的“共 N 条 / 查看全部”、卡片上的费用与收藏、日期输入的文字（合并进 i18n.ts）。`ux.en.ts` 必须有相同的键。 */
export const uxZhCN = {
  ux: {
    search: {
      count: '共 {{n}} 条',
      countCapped: '共 {{n}}+ 条',
      showAll: '查看全部',
      filter: '搜索“{{q}}”的结果',
      clearFilter: '显示全部客户',
    },
    order: {
      quantityRequired: '请填写数量',
      quantityPositive: '数量必须大于 0',
      quantityFormat: '数量应为数字，最多三位小数',
      priceInvalid: '单价应为不小于 0 的金额',
      discountInvalid: '折扣应在 0 到 10 折之间，如 9.5',
      fixLines: '有订单行需要更正（见标红处），订单尚未保存。',
    },
    date: {
      placeholder: '如 2024-03-12',
      pick: '从日历选择',
      orderDateQuestion: '订单日期是 {{date}}，离今天很远（常见于空白日期被填成 1900-01-01，或年份输错）。确定按这个日期保存吗？',
    },
    expense: {
      add: '记一笔费用',
      title: '记一笔费用',
      record: '记在哪条业务记录上',
      newRecord: '新建“{{type}}”记录',
      recordTitle: '新记录的标题',
      defaultTitle: '费用 {{date}}',
      noTypes: '费用记在业务记录（拜访、商机等）上。请先在“设置 → 自定义业务”中建立一种业务类型。',
      noCategories: '请先在“设置 → 费用分类”中建立费用分类。',
      amountRequired: '请填写大于 0 的金额',
      saved: '费用已保存。',
      newTypeRecord: '新建“{{type}}”记录（同时建立此业务类型）',
      newTypeHint: '保存时在设置中建立业务类型“{{type}}”（可在“设置 → 自定义业务”中修改）。',
      newCategory: '＋ 新建费用分类…',
      newCategoryName: '新分类的名称，如 差旅费',
    },
    contactFav: { title: '收藏此联系人' },
  },
};
