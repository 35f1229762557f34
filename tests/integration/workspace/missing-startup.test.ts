import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../../src-main/app/compose-app';
import { tempDir } from '../../support/temp-workspace';

// Issue 16: starting Kecard with --workspace FILE on a file that is not there is a choice, not an
// error: nothing opens and nothing is written, the start screen asks (workspace.missing), and
// creating it there makes the workspace.

let dir: string;
let cleanup: () => void;
let app: ComposedApp;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  app = composeApp({ dataDir: join(dir, 'data'), shell: 'browser', workerDir: new URL('file:///nonexistent/'), parseFilesInPlace: true });
});
afterEach(async () => {
  await app.dispose();
  cleanup();
});

describe('a missing startup workspace', () => {
  it('opens nothing, writes nothing, and is offered until a workspace opens', async () => {
    const path = join(dir, '新的客户.kecard');
    expect(app.host.openRequested(path)).toBeNull();
    expect(app.host.hasWorkspace).toBe(false);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.lock`)).toBe(false);
    const ctx = app.host.context;
    expect(await app.dispatch('workspace.missing', {}, ctx)).toEqual({ ok: true, value: { path, failure: null } });
    expect(await app.dispatch('workspace.info', {}, ctx)).toEqual({ ok: true, value: null });

    const created = await app.dispatch('workspace.create', { path }, ctx);
    expect(created).toMatchObject({ ok: true, value: { path, name: '新的客户' } });
    expect(existsSync(path)).toBe(true);
    expect(await app.dispatch('workspace.missing', {}, ctx)).toEqual({ ok: true, value: { path: null, failure: null } });
  });

  it('an existing file opens as before; another workspace opened instead clears the offer', async () => {
    const existing = join(dir, 'shop.kecard');
    app.host.create(existing);
    app.host.close();
    expect(app.host.openRequested(existing)?.path).toBe(existing);

    const other = composeApp({ dataDir: join(dir, 'data2'), shell: 'browser', workerDir: new URL('file:///nonexistent/'), parseFilesInPlace: true });
    try {
      expect(other.host.openRequested(join(dir, 'gone.kecard'))).toBeNull();
      other.host.openDefault();
      expect(other.host.missingStartup).toBeNull();
    } finally {
      await other.dispose();
    }
  });
});
