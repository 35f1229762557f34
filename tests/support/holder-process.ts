import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Another Kecard process holding a workspace (tests/support/workspace-holder.ts), driven line by line. */
export interface HolderProcess {
  pid: number;
  /** Sends one command and resolves with its one-line answer. */
  ask(line: string): Promise<string>;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

export async function startHolder(dataDir: string, workspace: string): Promise<HolderProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'tests', 'support', 'workspace-holder.ts'), dataDir, workspace],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const line = lines.shift();
      if (line !== undefined) return resolve(line);
      waiters.push(resolve);
      void exited.then(() => reject(new Error(`holder exited: ${stderr}`)));
    });
  const first = await next();
  if (!first.startsWith('ready')) throw new Error(`holder did not open the workspace: ${first} ${stderr}`);
  return {
    pid: child.pid as number,
    ask: (line) => {
      child.stdin.write(`${line}\n`);
      return next();
    },
    exited,
    kill: (signal = 'SIGKILL') => child.kill(signal),
  };
}
