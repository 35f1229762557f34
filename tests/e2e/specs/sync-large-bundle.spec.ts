import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SyncCenter } from '../pages/sync-center';
import { expect, test } from '../support/fixtures';

// Issue 18: a store's first bundle is large (here 3,000 demo customers with their contacts and
// departments, over 20,000 changes). 导入同步包 shows its progress and can be cancelled; what the
// cancel leaves is said in words, and importing the same files again finishes the job. The store's
// side is made by the real CLI in its own processes (join, demo data, export).

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const kecard = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin', 'kecard.mjs'), ...args], { encoding: 'utf8' });

test('a large first bundle: progress, 取消 in words, and importing it again finishes', async ({ app, api, tempDir }) => {
  test.setTimeout(240_000);
  const hq = new SyncCenter(app);
  await hq.open();
  await hq.createNetwork('HQ', '总部');
  const invitation = await hq.addStore('NJ01', '南京店');
  const invitationPath = join(tempDir, invitation.suggestedFilename());
  await invitation.saveAs(invitationPath);

  const storePath = join(tempDir, 'nanjing.kecard');
  kecard('demo', '--workspace', storePath, '--customers', '3000', '--seed', '11');
  kecard('site', 'join', '--invite', invitationPath, '--workspace', storePath);
  const outbox = join(tempDir, 'outbox');
  kecard('sync', 'export', '--to', 'HQ', '--out', outbox, '--workspace', storePath);
  const files = readdirSync(outbox).map((f) => join(outbox, f));

  // 取消 while it runs: the strip says how far it got, and the sentence says what stays.
  await hq.screen.getByTestId('sync-import-file').setInputFiles(files);
  const strip = hq.screen.getByTestId('sync-job');
  await expect(strip).toBeVisible();
  await expect(strip).toContainText('正在导入同步包');
  await strip.getByTestId('sync-job-cancel').click();
  const error = hq.screen.getByTestId('sync-import-error');
  await expect(error).toContainText('已取消');
  await expect(error).toHaveText(/没有导入任何更改|已应用 [\d,]+ \/ [\d,]+ 条变更；再次导入同一个同步包会从中断处继续/);
  await expect(strip).toBeHidden();
  const partial = (await api('customers.list', { offset: 0, limit: 1 })).total;
  expect(partial).toBeLessThan(3000);
  // Nothing acknowledged yet: the store is still waiting to be heard.
  await expect(hq.partner('NJ01')).toHaveAttribute('data-state', 'pending');

  // The same files again: it goes on and finishes.
  // 3,000 customers in two chunks: allow for a slow machine.
  const outcome = await hq.importFiles(files, 60_000);
  await expect(outcome).toContainText('来自南京店的第 1 号同步包');
  await expect(outcome).toContainText('南京店已加入同步组');
  await expect(hq.partner('NJ01')).toHaveAttribute('data-state', 'joined');
  expect((await api('customers.list', { offset: 0, limit: 1 })).total).toBe(3000);
});
