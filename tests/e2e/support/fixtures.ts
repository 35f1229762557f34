import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../../src-shared/contract/methods';
import { AppFrame } from '../pages/app-frame';
import { CustomerCard } from '../pages/customer-card';
import { CustomersPage } from '../pages/customers-page';
import { StartScreen } from '../pages/start-screen';
import { WorkspaceMenu } from '../pages/workspace-menu';
import { startShellProcess, type ShellProcess } from './shell-process';

/**
 * Calls the running shell's contract directly. Without a type argument the call is typed from
 * src-shared's contract (`api('customers.get', { id })`); the older form with an explicit result
 * type (`api<{ id: string }>('customers.create', …)`) still works for specs that use it.
 */
export interface Api {
  <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Only with an explicit result type: a known method without one must match the typed form. */
  <T, N extends string = string>(method: N extends MethodName ? never : N, input: unknown): Promise<T>;
}

/** A contract error seen by a test (the envelope's error, not a thrown stack). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(`${code} ${message}`);
  }
}

interface Fixtures {
  shell: ShellProcess;
  /** An empty folder of this test's own, removed afterwards (for workspace files the test makes). */
  tempDir: string;
  app: Page;
  api: Api;
  frame: AppFrame;
  menu: WorkspaceMenu;
  startScreen: StartScreen;
  customers: CustomersPage;
  card: CustomerCard;
}

/**
 * Each test gets its own browser shell on a fresh data folder (so a fresh default workspace) and
 * a page already opened on it. `api` calls the running shell's contract directly, for test setup
 * that is not itself under test and for checking what was (not) stored. The page models drive the
 * UI the way a user does (tests/e2e/pages).
 */
export const test = base.extend<Fixtures>({
  shell: async (
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
    {},
    use,
    testInfo,
  ) => {
    const shell = await startShellProcess();
    await use(shell);
    await shell.stop();
    // An INTERNAL error reaches the test as one line; the shell's log holds its stack.
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('shell output', { body: shell.output(), contentType: 'text/plain' });
  },
  tempDir: async (
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
    {},
    use,
  ) => {
    const dir = mkdtempSync(join(tmpdir(), 'kecard-e2e-files-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ page, shell }, use) => {
    // As the launcher's browser does: the private launch page exchanges its one-time code for the session cookie.
    await page.goto(shell.launchUrl);
    // Fail fast (not at the test timeout) when the renderer did not boot, e.g. dist is missing.
    await expect(page.getByTestId('menu-file'), 'the app did not start: is the renderer built (npm run build)?').toBeVisible();
    await use(page);
  },
  api: async ({ shell }, use) => {
    // Its own session, opened at the first call: by then a page of the test has taken its code.
    let cookie: Promise<string> | null = null;
    const call: Api = async (method: string, input: unknown): Promise<never> => {
      cookie ??= shell.session();
      const res = await fetch(`${shell.baseUrl}/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: await cookie },
        body: JSON.stringify(input),
      });
      const envelope = (await res.json()) as
        { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };
      if (!envelope.ok) throw new ApiError(envelope.error.code, `${method}: ${envelope.error.message}`, envelope.error.details);
      return envelope.value as never;
    };
    await use(call);
  },
  frame: async ({ app }, use) => {
    await use(new AppFrame(app));
  },
  menu: async ({ app }, use) => {
    await use(new WorkspaceMenu(app));
  },
  startScreen: async ({ app }, use) => {
    await use(new StartScreen(app));
  },
  customers: async ({ app }, use) => {
    await use(new CustomersPage(app));
  },
  card: async ({ app }, use) => {
    await use(new CustomerCard(app));
  },
});

export { expect };
