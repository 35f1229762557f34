export const exportWorkbookZhCN = {
  exportWb: {
    menu: '导出工作区（xlsx）…',
    started: '正在导出整个工作区…',
    done: '已导出 {{customers}} 个客户、{{contacts}} 个联系人。',
    failed: '导出失败：{{message}}',
  },
};

export const exportWorkbookEn: typeof exportWorkbookZhCN = {
  exportWb: {
    menu: 'Export workspace (xlsx)…',
    started: 'Exporting the whole workspace…',
    done: 'Exported {{customers}} customers and {{contacts}} contacts.',
    failed: 'The export failed: {{message}}',
  },
};
