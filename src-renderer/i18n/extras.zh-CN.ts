/** 联系人与订单的自定义字段、产品目录、客户列表分组的文字（合并进 i18n.ts 的资源）。`extras.en.ts` 必须有相同的键。 */
export const extrasZhCN = {
  extras: {
    nav: { products: '产品目录' },
    custom: { section: '自定义字段', requiredHint: '* 为必填项' },
    products: {
      title: '产品目录',
      search: '按名称或编号搜索产品',
      add: '新增产品',
      newTitle: '新增产品',
      editTitle: '编辑产品“{{name}}”',
      code: '产品编号',
      name: '产品名称',
      category: '类别',
      unit: '单位',
      price: '售价（元）',
      cost: '成本（元）',
      notes: '备注',
      empty: '还没有产品。点击“新增产品”添加。',
      noMatch: '没有符合条件的产品。',
      count: '共 {{n}} 个产品',
      saved: '产品“{{name}}”已保存。',
      deleted: '产品“{{name}}”已删除。',
      confirmDelete: '删除产品“{{name}}”？已有订单中的品名和价格不受影响。',
      duplicateCode: '该编号已被其他产品使用',
      moneyInvalid: '请输入金额，如 1280 或 1,280.50',
    },
    group: {
      button: '分组',
      title: '分组统计',
      level1: '分组',
      level2: '再按',
      measures: '合计项',
      noGrouping: '不分组',
      off: '取消分组',
      hint: '点击分组名称查看其中的客户。',
      open: '查看“{{label}}”中的客户',
      createdMonth: '创建月份',
      measure: { orderTotalFen: '订单合计', receivedFen: '已收款', orderCount: '订单数', relationshipLevel: '客情关系等级' },
    },
  },
};

export type ExtrasMessages = typeof extrasZhCN;
