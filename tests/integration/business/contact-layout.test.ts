import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { createField } from '../../../src-main/services/custom-fields/field-definition-service';
import { getLayout, saveLayout } from '../../../src-main/services/layouts/layout-service';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

let ws: Workspace;
let cleanup: () => void;
beforeEach(() => ({ ws, cleanup } = tempWorkspace()));
afterEach(() => cleanup());

describe('the contact layout', () => {
  it('places custom fields by default and keeps a saved order of tabs, sections and fields', () => {
    const wechat = createField(ws, testUser, { entity: 'contact', label: '微信号', type: 'text' });
    const first = getLayout(ws, 'contact');
    expect(first.saved).toBe(false);
    expect(first.layout.tabs[0]?.sections.map((s) => [s.key, s.fields])).toEqual([
      ['main', ['departmentId', 'name', 'title', 'mobile', 'phone', 'email', 'birthday', 'notes']],
      ['custom', [wechat.columnName]],
    ]);
    saveLayout(ws, testUser, 'contact', {
      tabs: [
        { key: 'basic', label: '基本信息', sections: [{ key: 'main', label: '联系人', columns: 3, fields: ['mobile', 'name', wechat.columnName] }] },
        { key: 'tab1', label: '备注信息', sections: [{ key: 'main', label: '备注', columns: 1, fields: ['notes'] }] },
      ],
    });
    const { layout, saved } = getLayout(ws, 'contact');
    expect(saved).toBe(true);
    expect(layout.tabs.map((t) => [t.key, t.sections.map((s) => s.fields)])).toEqual([
      ['basic', [['mobile', 'name', wechat.columnName]]],
      ['tab1', [['notes']]],
    ]);
  });

  it('refuses related lists: the contact dialog is a form', () => {
    expect(() =>
      saveLayout(ws, testUser, 'contact', {
        tabs: [
          { key: 'basic', label: '基本信息', sections: [{ key: 'main', label: '联系人', columns: 2, fields: ['name'] }] },
          { key: 'history', label: '变动历史', sections: [], related: { kind: 'history', columns: [] } },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION', details: { fields: { layout: 'invalid' } } }));
  });
});
