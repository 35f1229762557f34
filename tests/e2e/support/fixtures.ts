import { test as base, expect, type Page } from '@playwright/test';
import { startShellProcess, type ShellProcess } from './shell-process';

/**
 * Each test gets its own browser shell on a fresh data folder (so a fresh default workspace) and
 * a page already opened on it. `api` calls the running shell's contract directly, for test setup
 * that is not itself under test.
 */
export const test = base.extend<{ shell: ShellProcess; app: Page; api: <T = unknown>(method: string, input: unknown) => Promise<T> }>({
  shell: async ({}, use) => {
    const shell = await startShellProcess();
    await use(shell);
    await shell.stop();
  },
  app: async ({ page, shell }, use) => {
    await page.goto(shell.appUrl);
    await use(page);
  },
  api: async ({ shell }, use) => {
    const token = /#token=([\w-]+)/.exec(shell.appUrl)?.[1] ?? '';
    await use(async <T,>(method: string, input: unknown): Promise<T> => {
      const res = await fetch(`${shell.baseUrl}/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kecard-token': token },
        body: JSON.stringify(input),
      });
      const envelope = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.code} ${envelope.error?.message}`);
      return envelope.value as T;
    });
  },
});

export { expect };
