import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ShellProcess {
  appUrl: string;
  baseUrl: string;
  dataDir: string;
  workspacePath: string;
  /** Everything the shell printed so far: its log of failed calls, with their stacks. */
  output(): string;
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
  const ready = await new Promise<{ appUrl: string; workspacePath: string }>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`shell did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /Open: (\S+)/.exec(output);
      const ws = /Workspace: (.+)/.exec(output);
      if (url?.[1] && ws?.[1]) {
        clearTimeout(timer);
        resolveReady({ appUrl: url[1], workspacePath: ws[1].trim() });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`shell exited with ${code}:\n${output}`)));
  });
  return {
    appUrl: ready.appUrl,
    baseUrl: ready.appUrl.replace(/\/#.*$/, ''),
    dataDir,
    workspacePath: ready.workspacePath,
    output: () => output,
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
