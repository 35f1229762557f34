import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../files/private-files';
import { createProcessFolder, removeDeadProcessFolders } from '../files/process-folders';
import { LAUNCH_CODE_TTL_MS, type HttpBridge } from '../transports/http-bridge';

/** A new code is written well before the one in the file expires, so the file always opens Kecard. */
const RENEW_EVERY_MS = LAUNCH_CODE_TTL_MS / 2;

/**
 * How the browser gets into the shell without a secret on any command line: a page only this
 * user can read (`<data folder>/shell/<pid>-<random>/launch.html`, file 0600, folders 0700) that
 * posts a single-use code to the bridge, which answers with the session cookie. The browser is
 * started on the file's path; a used code is replaced at once (a second window opens the file
 * again) and an unused one every minute (codes live two).
 */
export class LaunchFile {
  readonly folder: string;
  readonly path: string;
  private readonly timer: NodeJS.Timeout;

  constructor(
    dataDir: string,
    private readonly bridge: Pick<HttpBridge, 'url' | 'issueCode'>,
  ) {
    const parent = join(dataDir, 'shell');
    try {
      removeDeadProcessFolders(parent);
    } catch (err) {
      console.warn('[kecard] could not remove launch files of an earlier run:', err instanceof Error ? err.message : err);
    }
    this.folder = createProcessFolder(parent);
    this.path = join(this.folder, 'launch.html');
    this.renew();
    this.timer = setInterval(() => this.renew(), RENEW_EVERY_MS);
    this.timer.unref();
  }

  /** Writes a page with a fresh code; atomically, so a reader never sees half a file. */
  renew(): void {
    const next = join(this.folder, 'launch.html.next');
    writeFileSync(next, launchPage(this.bridge.url, this.bridge.issueCode()), { mode: PRIVATE_FILE_MODE });
    renameSync(next, this.path);
  }

  /** A browser profile of this run, private like the launch page (it will hold the session cookie). */
  get browserProfile(): string {
    return join(this.folder, 'browser-profile');
  }

  dispose(): void {
    clearInterval(this.timer);
    // Chromium's helpers may still be letting go of the profile just after the browser exited.
    rmSync(this.folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

/** The launch code in a launch page (the E2E harness and tests read it as the browser does). */
export function launchCodeOf(page: string): string | null {
  return /name="code" value="([\w-]+)"/.exec(page)?.[1] ?? null;
}

function launchPage(appUrl: string, code: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>客卡 Kecard</title>
</head>
<body>
<form id="open" method="post" action="${appUrl}/session">
<input type="hidden" name="code" value="${code}">
<p>正在打开客卡… Opening Kecard…</p>
<button type="submit">打开客卡 / Open Kecard</button>
</form>
<script>document.getElementById('open').submit();</script>
</body>
</html>
`;
}
