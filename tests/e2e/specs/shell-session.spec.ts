import { readFileSync } from 'node:fs';
import { expect, test } from '../support/fixtures';

// The browser shell's session in a real Chromium: got from the private launch page, kept in an
// HttpOnly cookie the page cannot read, nothing secret in the address bar or in storage.

test('the launch page opens the app; no secret in the URL, storage or script-readable cookies; reload and a second window work', async ({
  app,
  frame,
  shell,
  browser,
}) => {
  await frame.expectCustomerCount(0);
  expect(app.url()).toBe(`${shell.baseUrl}/`);
  // (Page code as text: this project has no DOM types.)
  expect(await app.evaluate<string>('document.cookie')).toBe('');
  expect(await app.evaluate<string>('JSON.stringify(sessionStorage) + JSON.stringify(localStorage)')).not.toMatch(/token|session_/i);
  const cookies = await app.context().cookies(shell.baseUrl);
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

  // A reload keeps the session (the cookie), and so does the event stream.
  await app.reload();
  await frame.expectCustomerCount(0);

  // A second window: the launch page was renewed when the first one used its code.
  const launchPage = readFileSync(shell.launchFile, 'utf8');
  const second = await app.context().newPage();
  await second.goto(shell.launchUrl);
  await expect(second.getByTestId('menu-file')).toBeVisible();
  await second.close();
  expect(readFileSync(shell.launchFile, 'utf8')).not.toBe(launchPage);
  // The second window's code, now used, opened again in this browser, which has the session: the app, not a refusal.
  const usedHere = /name="code" value="([\w-]+)"/.exec(launchPage)?.[1] ?? '';
  const reopened = await app.context().newPage();
  await reopened.goto(`${shell.baseUrl}/session?code=${usedHere}`);
  await expect(reopened.getByTestId('menu-file')).toBeVisible();
  await reopened.close();

  // Another browser profile without the launch page gets nothing but the refusal.
  const stranger = await browser.newContext();
  try {
    const page = await stranger.newPage();
    await page.goto(shell.baseUrl);
    // Every start-up call is refused for the same reason: the user reads it once, not once per call.
    const toasts = page.getByTestId('toast');
    await expect(toasts.first()).toContainText('没有有效的会话');
    // And in place of 正在加载…, which stayed for good.
    await expect(page.getByTestId('start-failure')).toHaveText('没有有效的会话：请用客卡的启动文件重新打开（启动时会显示其路径）。');
    await page.waitForTimeout(1500);
    expect(await toasts.count()).toBe(1);
    const refused = await page.evaluate<string>(
      "fetch('/api/call/workspace.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(async (r) => `${r.status} ${await r.text()}`)",
    );
    expect(refused).toMatch(/^401 .*"code":"UNAUTHORIZED"/);
    // The used code of the first window opens nothing either.
    const used = /name="code" value="([\w-]+)"/.exec(launchPage)?.[1] ?? '';
    const again = await page.request.post(`${shell.baseUrl}/session`, { form: { code: used }, maxRedirects: 0 });
    expect(again.status()).toBe(401);
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', details: { reason: 'used' } } });
  } finally {
    await stranger.close();
  }
});
