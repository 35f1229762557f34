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
  },
};
