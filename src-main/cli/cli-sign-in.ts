import { createInterface } from 'node:readline';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import type { Workspace } from '../db/workspace';
import { signInRequired } from '../people/sign-in';
import { fileIsEncrypted } from '../db/keys-file';
import { keyFor } from '../db/workspace-key';
import { unlockFile } from '../people/workspace-encryption';
import { ensureOwner } from '../people/user-service';
import { localUserContext, type AppHost } from '../workspace/app-host';
import { UsageError } from './cli-errors';

// `--as LOGIN` signs a CLI run in like the app's sign-in screen would (same slow-down, lockout and
// audit rows). The password comes from KECARD_PASSWORD, or is asked for on a terminal; it is never
// an option, where it would show in the process list and the shell's history.

export async function cliPassword(login: string): Promise<string> {
  const fromEnv = process.env.KECARD_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UsageError(`请在环境变量 KECARD_PASSWORD 中提供 ${login} 的密码 / give ${login}'s password in KECARD_PASSWORD`);
  }
  return promptHidden(`${login} 的密码 / password: `);
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Typed characters are not echoed: only the question is written.
    const writable = rl as unknown as { _writeToOutput: (text: string) => void };
    let asked = false;
    writable._writeToOutput = (text: string) => {
      if (!asked) {
        process.stderr.write(text);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/**
 * Signs the run in on the host's open workspace: as `asUser`, or — without `--as` — as the owner
 * of a workspace that needs no sign-in; a workspace that does is refused (exit code 1).
 */
export async function signInCli(host: AppHost, asUser: string | undefined, password?: string): Promise<void> {
  if (asUser !== undefined) {
    await host.signIn(asUser, password ?? (await cliPassword(asUser)));
    return;
  }
  if (host.sessionState().signInRequired) {
    throw new KecardError('SIGN_IN_REQUIRED', 'This workspace asks for sign-in: use --as LOGIN with KECARD_PASSWORD.');
  }
}

/**
 * An encrypted workspace is unlocked before it is opened: `--as LOGIN`'s password unwraps its key
 * from the keys file (the same password then signs the run in). Without `--as` it is refused
 * plainly as encrypted. Returns the password read, so it is asked for only once.
 */
export async function unlockCli(path: string, asUser: string | undefined): Promise<string | undefined> {
  if (!fileIsEncrypted(path) || keyFor(path)) return undefined;
  if (asUser === undefined) {
    throw new KecardError('WORKSPACE_ENCRYPTED', 'This workspace is encrypted; please sign in.', { path, reason: 'signIn' });
  }
  const password = await cliPassword(asUser);
  unlockFile(path, asUser, password);
  return password;
}

/**
 * The caller of a command that works on the file itself (import, sync): the owner of a workspace
 * that needs no sign-in. A workspace with passwords is refused — these commands take no `--as`
 * yet; `kecard call … --as LOGIN` reaches the same services signed in.
 */
export function ownerContext(ws: Workspace): CallContext {
  if (signInRequired(ws)) {
    throw new KecardError('SIGN_IN_REQUIRED', 'This workspace asks for sign-in: use "kecard call" with --as LOGIN and KECARD_PASSWORD.');
  }
  const local = localUserContext();
  if (ws.db.readonly) return { ...local, origin: 'local' };
  const owner = ensureOwner(ws, local.userName);
  return { userId: owner.id, userName: owner.display_name, role: owner.role, origin: 'local' };
}
