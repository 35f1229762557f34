import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { posix, win32 } from 'node:path';

// SQLite's WAL keeps its index in shared memory (-shm), which only works between processes of one
// machine; on a network share a second machine would corrupt the file. UNC paths are easy to
// spot, but a share mounted at /mnt/shop or a mapped drive Z: looks local: the file system's type
// says the truth. Each platform's mount table is read through a function tests can replace.

/** File-system types that live on another machine (Linux /proc/mounts, macOS `mount`). */
const NETWORK_TYPES = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  'smb2',
  'ncpfs',
  'ncp',
  '9p',
  'afs',
  'afpfs',
  'ceph',
  'glusterfs',
  'lustre',
  'gpfs',
  'beegfs',
  'davfs',
  'webdav',
  'coda',
  'ocfs2',
  'gfs2',
  'orangefs',
  'pvfs2',
  'ftp',
  'sshfs',
  'fuse.sshfs',
  'fuse.glusterfs',
  'fuse.s3fs',
  'fuse.rclone',
  'fuse.davfs2',
  'fuse.gcsfuse',
  'fuse.smbnetfs',
  'fuse.curlftpfs',
  'fuse.afpfs',
  'fuse.cephfs',
]);

export interface MountSource {
  platform: NodeJS.Platform;
  /** Linux: the text of /proc/mounts; macOS: the output of `mount`. */
  mountTable: () => string;
  /** Windows: the output of `net use` (mapped drives). */
  mappedDrives: () => string;
  /** The path with symlinks resolved (the folder may be a link into a share). */
  realPath: (path: string) => string;
}

export const systemMounts: MountSource = {
  platform: process.platform,
  mountTable: () =>
    process.platform === 'linux' ? readFileSync('/proc/mounts', 'utf8') : execFileSync('mount', { encoding: 'utf8', timeout: 3000 }),
  mappedDrives: () => execFileSync('net', ['use'], { encoding: 'utf8', timeout: 3000, windowsHide: true }),
  realPath: (path) => realpathSync.native(path),
};

/** Whether the workspace file at `path` (existing or about to be created) is on a network file system. */
export function isOnNetworkFileSystem(path: string, source: MountSource = systemMounts): boolean {
  if (/^(\\\\|\/\/)[^\\/]+[\\/]/.test(path)) return true; // UNC: \\server\share, //server/share
  const paths = source.platform === 'win32' ? win32 : posix;
  let folder = paths.resolve(paths.dirname(path));
  try {
    folder = source.realPath(folder);
  } catch {
    // a folder that cannot be resolved is judged by its name
  }
  if (/^(\\\\|\/\/)[^\\/]+[\\/]/.test(folder)) return true;
  try {
    if (source.platform === 'win32') return isMappedDrive(folder, source.mappedDrives());
    const type = fileSystemType(folder, source.mountTable(), source.platform);
    return type !== null && NETWORK_TYPES.has(type.toLowerCase());
  } catch {
    // No mount table to read: assume local, as before this check existed.
    return false;
  }
}

/** The type of the file system holding `folder`: the mount point that is its longest prefix. */
export function fileSystemType(folder: string, table: string, platform: NodeJS.Platform): string | null {
  let best: { point: string; type: string } | null = null;
  for (const mount of platform === 'linux' ? linuxMounts(table) : bsdMounts(table)) {
    const inside = mount.point === '/' || folder === mount.point || folder.startsWith(`${mount.point}/`);
    if (inside && (!best || mount.point.length >= best.point.length)) best = mount;
  }
  return best?.type ?? null;
}

/** `/proc/mounts`: "device mountpoint type options 0 0", spaces in names written as \040. */
function linuxMounts(table: string): { point: string; type: string }[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
  return table
    .split('\n')
    .map((line) => line.split(' '))
    .filter((parts) => parts.length >= 3)
    .map((parts) => ({ point: unescape(parts[1] as string), type: parts[2] as string }));
}

/** macOS/BSD `mount`: "//user@server/share on /Volumes/share (smbfs, nodev, nosuid)". */
function bsdMounts(table: string): { point: string; type: string }[] {
  const out: { point: string; type: string }[] = [];
  for (const line of table.split('\n')) {
    const m = /^.+? on (.+) \(([^,)]+)/.exec(line);
    if (m) out.push({ point: m[1] as string, type: (m[2] as string).trim() });
  }
  return out;
}

/** `net use` lists mapped drives as "OK   Z:   \\server\share   Microsoft Windows Network". */
function isMappedDrive(folder: string, netUse: string): boolean {
  const drive = /^([A-Za-z]):/.exec(folder)?.[1]?.toUpperCase();
  if (!drive) return false;
  return netUse.split(/\r?\n/).some((line) => new RegExp(`(^|\\s)${drive}:\\s+\\\\\\\\`, 'i').test(line));
}
