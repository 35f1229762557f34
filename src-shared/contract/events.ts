import type { WorkspaceInfo } from './methods';
import type { RemoteStatus } from './remote-methods';

/** The one stream main pushes to the renderer (IPC event or Server-Sent Events in the shell). */
export type KecardEvent =
  | { type: 'data.changed'; entities: string[]; ids?: string[] }
  | { type: 'workspace.changed'; info: WorkspaceInfo | null }
  | { type: 'job.progress'; jobId: string; kind: string; done: number; total: number; phase: string }
  | {
      type: 'job.finished';
      jobId: string;
      kind: string;
      ok: boolean;
      cancelled: boolean;
      error?: { code: string; message: string; details?: unknown };
      /** What the job produced (an import report …), plain JSON. */
      result?: unknown;
    }
  | { type: 'menu.command'; command: MenuCommand }
  /** The day's automatic backup could not be made (a full disk …): the user must hear of it, not only the log. */
  | { type: 'backup.failed'; reason: 'scheduled'; error: { code: string; message: string; details?: unknown } }
  /** A background integrity check of a large workspace found damage; the UI offers the backups. */
  | { type: 'workspace.damaged'; path: string; message: string; backups: { file: string; takenAt: string; reason: string; bytes: number }[] }
  /** This app's connection to a colleague's shared workspace changed (connected, reconnecting, ended). */
  | { type: 'remote.changed'; status: RemoteStatus };

export type MenuCommand =
  'workspace.new' | 'workspace.open' | 'workspace.saveCopy' | 'workspace.close' | 'demo.generate' | 'customer.new' | 'search.focus';
