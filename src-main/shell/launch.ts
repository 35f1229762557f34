import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userDataDir } from '../workspace/user-paths';
import { chromiumBinary, electronBinary } from './find-browser';
import { appRoot, rendererDir, workerDirUrl } from './project-paths';
import { startShell } from './start-shell';

// `npm start`: the Electron app where its binary exists, otherwise the browser shell.
// Flags: --shell forces the browser shell; --no-open only prints the URL; --workspace FILE.

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
  console.log(`Open: ${shell.bridge.appUrl}`);

  const browser = chromiumBinary();
  const canShowWindow = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!flag('--no-open') && browser && canShowWindow) {
    const profile = mkdtempSync(join(tmpdir(), 'kecard-browser-'));
    const child = spawn(
      browser,
      [`--app=${shell.bridge.appUrl}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-sync'],
      { stdio: 'ignore', detached: false },
    );
    child.on('exit', () => void shell.stop().then(() => process.exit(0)));
  } else if (!flag('--no-open')) {
    console.log('No Chromium window can be opened here: open the address above in a browser on this machine. Ctrl+C stops Kecard.');
  }

  const stop = () => void shell.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('Kecard could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
