import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import type { AppliedBundle, SyncScope } from '../../src-shared/domain/sync';
import { setPartnerScope } from '../../src-main/sync/scope/scope-rules';
import { openWorkspace } from '../../src-main/db/open-workspace';
import type { Workspace } from '../../src-main/db/workspace';
import { readBundleHeader } from '../../src-main/sync/bundle/bundle-file';
import { applyBundle } from '../../src-main/sync/exchange/apply-bundle';
import { makeBundle, type MadeBundle } from '../../src-main/sync/exchange/make-bundle';
import { createNetwork, inviteStore, joinNetwork } from '../../src-main/sync/network/network-service';
import { testUser } from './temp-workspace';

// A sync network of real workspace files in a folder: HQ and its stores enrolled the way users
// do it (invitation, the store's first bundle), for the sync tests.

export interface Network {
  hq: Workspace;
  stores: Workspace[];
  codes: string[];
}

/** `scope`: what each store receives (docs/sync-protocol.md "Scopes"); the default is every customer. */
export function enrolledNetwork(
  dir: string,
  storeCodes: readonly string[],
  seed: (ws: Workspace, code: string) => void = () => {},
  scope: (code: string) => SyncScope = () => ({ customers: 'all' }),
): Network {
  const hq = openWorkspace(join(dir, 'hq.kecard'), { create: true });
  createNetwork(hq, { code: 'HQ', name: '总部' });
  seed(hq, 'HQ');
  const stores = storeCodes.map((code, i) => {
    const ws = openWorkspace(join(dir, `${code}.kecard`), { create: true });
    seed(ws, code);
    const { invitation } = inviteStore(hq, { code, name: `门店${i + 1}` });
    joinNetwork(ws, testUser, invitation);
    deliver(makeBundle(ws, 'HQ'), hq);
    return ws;
  });
  for (const code of storeCodes) setPartnerScope(hq.db, code, scope(code));
  return { hq, stores, codes: ['HQ', ...storeCodes] };
}

/** Applies a made bundle at `to`, as the import of its files would. */
export function deliver(bundle: MadeBundle, to: Workspace): AppliedBundle {
  const parts = bundle.files.map((f) => f.bytes);
  return applyBundle(to, testUser, parts, readBundleHeader(parts[0] as Buffer));
}

/** SQLite's data_version as another connection sees it: it moves when anything commits to the file. */
export function dataVersionWatcher(path: string): { changed: () => boolean; close: () => void } {
  const other = new Database(path, { readonly: true });
  const read = () => other.pragma('data_version', { simple: true }) as number;
  const before = read();
  return { changed: () => read() !== before, close: () => other.close() };
}
