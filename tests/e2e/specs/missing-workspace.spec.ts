import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShellProcess } from '../support/shell-process';
import { expect, test } from '../support/fixtures';

// Issue 16: `--workspace FILE` on a file that does not exist opens the start screen with a choice
// — 创建新工作区 there, or 打开其他… — instead of an error.

test('starting with --workspace on a missing file offers to create it', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'kecard-e2e-missing-'));
  const path = join(dir, '华东客户.kecard');
  const shell = await startShellProcess({ args: ['--workspace', path] });
  try {
    expect(shell.output()).toContain('Workspace: (none)');
    await page.goto(shell.launchUrl);
    await expect(page.getByTestId('start-screen')).toBeVisible();
    const offer = page.getByTestId('start-missing');
    await expect(offer).toHaveAttribute('data-path', path);
    await expect(offer).toContainText('工作区文件还不存在');
    await expect(offer).toContainText(`启动时指定的工作区 ${path} 不存在。`);
    await expect(page.getByTestId('start-missing-open')).toHaveText('打开其他…');
    expect(existsSync(path)).toBe(false);

    await page.getByTestId('start-missing-create').click();
    await expect(page.getByTestId('start-screen')).toBeHidden();
    await expect(page.getByTestId('status-path')).toContainText('华东客户.kecard');
    expect(existsSync(path)).toBe(true);
  } finally {
    await shell.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
