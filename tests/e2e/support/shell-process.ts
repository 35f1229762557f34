import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openSession } from '../../support/shell-session';

export interface ShellProcess {
  /** The shell's private launch page (0600) as a file: URL: a page opened on it gets a session. */
  launchUrl: string;
  launchFile: string;
  /** http://127.0.0.1:port — no secret in it. */
  baseUrl: string;
  dataDir: string;
  workspacePath: string;
  /** Everything the shell printed so far: its log of failed calls, with their stacks. */
  output(): string;
  /**
   * A session for calls from the test, got the way a browser gets one: the code in the launch
   * file (readable by this same user only), exchanged for the session cookie. The `Cookie` value.
   */
  session(): Promise<string>;
  stop(): Promise<void>;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Starts the real browser shell (the built dist/main/launch.mjs) on a fresh data folder. */
export async function startShellProcess(options: { dataDir?: string; args?: string[] } = {}): Promise<ShellProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kecard-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'main', 'launch.mjs'), '--shell', '--no-open', ...(options.args ?? [])], {
    env: { ...process.env, KECARD_HOME: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = await new Promise<{ baseUrl: string; launchFile: string; workspacePath: string }>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`shell did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /Address: (\S+)/.exec(output);
      const launch = /Launch file: (.+)/.exec(output);
      const ws = /Workspace: (.+)/.exec(output);
      if (url?.[1] && launch?.[1] && ws?.[1]) {
        clearTimeout(timer);
        resolveReady({ baseUrl: url[1], launchFile: launch[1].trim(), workspacePath: ws[1].trim() });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`shell exited with ${code}:\n${output}`)));
  });
  return {
    launchUrl: pathToFileURL(ready.launchFile).href,
    launchFile: ready.launchFile,
    baseUrl: ready.baseUrl,
    dataDir,
    workspacePath: ready.workspacePath,
    output: () => output,
    session: () => openSession(ready.baseUrl, ready.launchFile),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
