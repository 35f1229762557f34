import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../../src-shared/contract/events';
import { isMethodName } from '../../../src-main/electron/ipc-channels';
import { buildMenuTemplate, menuLanguage, type MenuOptions } from '../../../src-main/electron/menu-template';
import { workspaceFromArgs } from '../../../src-main/electron/startup-args';

type Item = { id?: string; label?: string; submenu?: unknown; click?: unknown };

function flatten(items: readonly Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu as Item[]) : [])]);
}

function template(overrides: Partial<MenuOptions> = {}) {
  const sent: MenuCommand[] = [];
  const items = buildMenuTemplate({
    language: 'zh',
    platform: 'win32',
    developer: false,
    actions: { command: (c) => sent.push(c), openDataFolder: () => {}, about: () => {} },
    ...overrides,
  }) as Item[];
  return { items, sent };
}

describe('application menu', () => {
  it('has the Chinese top-level menus and file items', () => {
    const { items } = template();
    expect(items.map((i) => i.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    const labels = flatten(items).map((i) => i.label);
    for (const label of ['新建工作区…', '打开工作区…', '另存副本…', '关闭工作区', '生成演示数据…', '退出']) expect(labels).toContain(label);
  });

  it('sends every MenuCommand as an event instead of acting itself', () => {
    const { items, sent } = template();
    const commands: MenuCommand[] = [
      'workspace.new',
      'workspace.open',
      'workspace.saveCopy',
      'workspace.close',
      'demo.generate',
      'customer.new',
      'search.focus',
    ];
    for (const command of commands) {
      const item = flatten(items).find((i) => i.id === command);
      expect(item, command).toBeDefined();
      (item?.click as () => void)();
    }
    expect(sent).toEqual(commands);
  });

  it('speaks English outside Chinese locales and adds the app menu on macOS', () => {
    expect(menuLanguage('zh-CN')).toBe('zh');
    expect(menuLanguage('zh-TW')).toBe('zh');
    expect(menuLanguage('en-US')).toBe('en');
    const { items } = template({ language: 'en', platform: 'darwin' });
    expect(items.map((i) => i.label)).toEqual(['Kecard', 'File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('offers developer tools only in development runs', () => {
    const roles = (developer: boolean) => JSON.stringify(template({ developer }).items);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });
});

describe('startup arguments', () => {
  const cwd = resolve('/home/user');
  it('finds --workspace and bare .kecard paths', () => {
    expect(workspaceFromArgs(['--workspace', 'a.kecard'], cwd)).toBe(resolve(cwd, 'a.kecard'));
    expect(workspaceFromArgs(['--workspace', '/data/x.db'], cwd)).toBe(resolve('/data/x.db'));
    expect(workspaceFromArgs(['--flag', 'Docs/客户.KECARD'], cwd)).toBe(resolve(cwd, 'Docs/客户.KECARD'));
    expect(workspaceFromArgs(['--no-open'], cwd)).toBeNull();
    expect(workspaceFromArgs(['--workspace'], cwd)).toBeNull();
  });
});

describe('method names accepted by the preload', () => {
  it('allows domain.verb only', () => {
    expect(isMethodName('customers.update')).toBe(true);
    expect(isMethodName('workspace.openDefault')).toBe(true);
    for (const bad of ['customers', 'customers.update.x', '__proto__.x', 'a.b/../c', '', 'Customers.list', 42, null]) {
      expect(isMethodName(bad), String(bad)).toBe(false);
    }
  });
});
