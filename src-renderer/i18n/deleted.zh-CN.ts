/** 已删除的客户 dialog: restore, 彻底清除 (purge). `deleted.en.ts` has the same keys. */
export const deletedZhCN = {
  deletedCustomers: {
    menu: '已删除的客户…',
    title: '已删除的客户',
    hint: '删除的客户可以恢复。彻底清除会永久删除客户的名称、电话、邮箱、地址、联系人、备注和自定义字段（包括变动历史里的旧值），订单和收款的金额保留。',
    empty: '没有已删除的客户。',
    name: '客户名称',
    code: '编号',
    deletedAt: '删除时间',
    count: '共 {{n}} 个',
    restore: '恢复',
    purge: '彻底清除',
    managerOnly: '只有经理可以彻底清除',
    restored: '已恢复客户“{{name}}”。',
    confirmPurge:
      '彻底清除客户“{{name}}”？它的名称、电话、邮箱、地址、联系人、备注和自定义字段将从工作区和变动历史中永久删除，此操作无法撤销。清除前做的备份仍含这些资料：自动备份约 4 周内轮换删除，操作前的备份要等有 10 份更新的才删除，手动备份不会自动删除。如需立即清除，请在备份文件夹中删除清除前的备份（文件 → 备份与恢复）。',
    purged: '已彻底清除客户“{{name}}”。',
    close: '关闭',
  },
};
export type DeletedMessages = typeof deletedZhCN;
