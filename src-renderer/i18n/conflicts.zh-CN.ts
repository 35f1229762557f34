/** 保存冲突 (issue 20, "No silent overwrites"), Simplified Chinese. `conflicts.en.ts` has the same keys. */
export const conflictsZhCN = {
  saveConflict: {
    title: '有人在您编辑时修改了这些字段',
    intro: '其他字段已保存。以下字段在您打开后被{{who}}修改过，请逐项决定：',
    field: '字段',
    started: '您打开时',
    theirs: '对方的值',
    mine: '我的值',
    byAt: '{{name}} 于 {{at}}',
    keepMine: '保留我的',
    takeTheirs: '采用对方的',
    merge: '合并',
    mergeLabel: '合并后的内容',
    save: '保存决定',
    later: '稍后决定',
    someone: '他人',
    partlySaved: '已保存其他字段；{{n}} 个字段有冲突，请决定',
    tookTheirs: '已采用对方的值',
    lines: '订单明细',
    empty: '（空）',
  },
};
