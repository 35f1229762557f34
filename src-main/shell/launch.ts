import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KecardError } from '../../src-shared/errors';
import { describeError } from '../cli/cli-errors';
import { userDataDir } from '../workspace/user-paths';
import { chromiumBinary, electronBinary } from './find-browser';
import { appRoot, rendererDir, workerDirUrl } from './project-paths';
import { startShell } from './start-shell';

// `npm start`: the Electron app where its binary exists, otherwise the browser shell.
// Flags: --shell forces the browser shell; --no-open prints how to open it instead of opening a
// window; --print-secret-url also prints an address that opens a session (it is a secret: anyone
// who sees it before it is used can open the workspace); --workspace FILE; --port N.

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

async function main(): Promise<void> {
  const root = appRoot();
  const electron = flag('--shell') ? null : electronBinary(root);
  if (electron) {
    const child = spawn(electron, [join(root, 'dist', 'main', 'electron-main.mjs'), ...args], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }

  const workspacePath = option('--workspace');
  const portText = option('--port');
  const shell = await startShell({
    dataDir: userDataDir(),
    rendererDir: rendererDir(),
    workerDir: workerDirUrl(),
    ...(workspacePath ? { workspacePath } : {}),
    ...(portText ? { port: Number(portText) } : {}),
  });
  const info = shell.app.host.info();
  console.log(
    flag('--shell')
      ? 'Kecard: browser shell (requested with --shell).'
      : 'Kecard: the Electron binary is not installed (its download is blocked here), so Kecard runs as a browser shell on this machine.',
  );
  console.log(`Workspace: ${info?.path ?? '(none)'}`);
  // Never the session or a launch code: the launch file's path is no secret, its content (0600) is.
  console.log(`Address: ${shell.bridge.url}`);
  console.log(`Launch file: ${shell.launchFile.path}`);
  if (flag('--print-secret-url')) {
    console.log(`Secret URL (opens a session once, within 2 minutes; do not share it): ${shell.bridge.url}/session?code=${shell.bridge.issueCode()}`);
  }

  let browserProcess: ChildProcess | null = null;
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (browserProcess && browserProcess.exitCode === null && browserProcess.signalCode === null) {
        const exited = new Promise((r) => browserProcess?.once('exit', r));
        browserProcess.kill('SIGTERM');
        await exited;
      }
      await shell.stop();
    })()
      .catch((err: unknown) => console.error('Kecard did not stop cleanly:', err instanceof Error ? err.message : err))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const browser = chromiumBinary();
  const canShowWindow = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!flag('--no-open') && browser && canShowWindow) {
    // Only the launch file's path goes on the command line, where every local user can read it.
    browserProcess = spawn(
      browser,
      [
        `--app=${pathToFileURL(shell.launchFile.path).href}`,
        `--user-data-dir=${shell.launchFile.browserProfile}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-sync',
      ],
      { stdio: 'ignore', detached: false },
    );
    browserProcess.on('exit', stop);
  } else {
    console.log(
      `${flag('--no-open') ? '' : 'No Chromium window can be opened here. '}To use Kecard, open the launch file above in a browser on this machine (only your user can read it). Ctrl+C stops Kecard.`,
    );
  }
}

main().catch((err: unknown) => {
  // Kecard's own refusals (the workspace is held, read-only, damaged …) in the CLI's words: Chinese, then English.
  console.error(
    '客卡无法启动 / Kecard could not start:',
    err instanceof KecardError ? describeError(err).message : err instanceof Error ? err.message : err,
  );
  process.exit(1);
});
