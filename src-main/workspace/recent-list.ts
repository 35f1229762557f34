import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { RecentWorkspace } from '../../src-shared/contract/methods';

const MAX_RECENT = 10;
const settingsSchema = z.object({
  recent: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() })).default([]),
  lastOpened: z.string().nullable().default(null),
});
type Settings = z.infer<typeof settingsSchema>;

/** App settings outside any workspace: the recent list and the last workspace opened. */
export class RecentList {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  private read(): Settings {
    try {
      return settingsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      return { recent: [], lastOpened: null }; // a missing or damaged settings file only loses the recent list
    }
  }

  private write(settings: Settings): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(settings, null, 2));
    renameSync(tmp, this.file);
  }

  list(): RecentWorkspace[] {
    return this.read().recent.map((r) => ({ ...r, exists: existsSync(r.path) }));
  }

  lastOpened(): string | null {
    return this.read().lastOpened;
  }

  remember(path: string, name: string = basename(path)): void {
    const s = this.read();
    const recent = [{ path, name, openedAt: new Date().toISOString() }, ...s.recent.filter((r) => r.path !== path)].slice(0, MAX_RECENT);
    this.write({ recent, lastOpened: path });
  }

  forgetLastOpened(): void {
    const s = this.read();
    this.write({ ...s, lastOpened: null });
  }
}
