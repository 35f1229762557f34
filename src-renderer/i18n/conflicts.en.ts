import type { conflictsZhCN } from './conflicts.zh-CN';

export const conflictsEn: typeof conflictsZhCN = {
  saveConflict: {
    title: 'Someone changed these fields while you were editing',
    intro: 'The other fields are saved. These were changed by {{who}} after you opened the record; decide each one:',
    field: 'Field',
    started: 'When you opened it',
    theirs: 'Their value',
    mine: 'My value',
    byAt: '{{name}} at {{at}}',
    keepMine: 'Keep mine',
    takeTheirs: 'Take theirs',
    merge: 'Merge',
    mergeLabel: 'Merged text',
    save: 'Save decisions',
    later: 'Decide later',
    someone: 'someone else',
    partlySaved: 'Other fields saved; {{n}} fields conflict — please decide',
    tookTheirs: 'Their values kept',
    lines: 'Order lines',
    empty: '(empty)',
  },
};
