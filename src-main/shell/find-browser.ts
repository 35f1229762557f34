import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron binary if `npm install` could download it (it cannot on machines without internet). */
export function electronBinary(root: string): string | null {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  // path.txt names the executable inside electron/dist once the download has succeeded.
  const relative = readText(pathFile);
  const binary = relative ? join(root, 'node_modules', 'electron', 'dist', relative) : null;
  return binary && existsSync(binary) ? binary : null;
}

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function chromiumBinary(): string | null {
  if (process.env.KECARD_BROWSER) return existsSync(process.env.KECARD_BROWSER) ? process.env.KECARD_BROWSER : null;
  return BROWSERS.find((b) => existsSync(b)) ?? null;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
