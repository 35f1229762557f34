import { describe, expect, it } from 'vitest';
import { fileSystemType, isOnNetworkFileSystem, type MountSource } from '../../../src-main/db/file-system-kind';

const LINUX_MOUNTS = [
  'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0',
  '/dev/nvme0n1p2 / ext4 rw,relatime 0 0',
  '/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0',
  '//nas/shop /mnt/shop cifs rw,relatime,vers=3.1.1 0 0',
  'nas:/export/crm /srv/crm nfs4 rw,relatime 0 0',
  'zhang@server:/data /home/zhang/remote fuse.sshfs rw,nosuid,nodev 0 0',
  '/dev/sdb1 /media/zhang/U\\040盘 exfat rw 0 0',
  'tmpfs /mnt/shop/cache tmpfs rw 0 0',
].join('\n');

const MAC_MOUNT = [
  '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
  '/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)',
  '//zhang@nas._smb._tcp.local/shop on /Volumes/shop (smbfs, nodev, nosuid, mounted by zhang)',
  'nas:/export on /Volumes/export (nfs, asynchronous)',
  'afp_0TQj4b0000 on /Volumes/Old Share (afpfs, nodev, nosuid, mounted by zhang)',
].join('\n');

const NET_USE = [
  'New connections will be remembered.',
  '',
  'Status       Local     Remote                    Network',
  '-------------------------------------------------------------------------------',
  'OK           Z:        \\\\nas\\shop                Microsoft Windows Network',
  'Unavailable  Y:        \\\\oldserver\\files         Microsoft Windows Network',
  'The command completed successfully.',
].join('\r\n');

function source(platform: NodeJS.Platform, table: string): MountSource {
  return { platform, mountTable: () => table, mappedDrives: () => table, realPath: (p) => p };
}

describe('network file systems are detected by type, not only by a UNC path', () => {
  it('Linux: SMB, NFS and sshfs mounts, with a local mount inside a share and escaped names', () => {
    const linux = source('linux', LINUX_MOUNTS);
    expect(isOnNetworkFileSystem('/mnt/shop/客户.kecard', linux)).toBe(true);
    expect(isOnNetworkFileSystem('/srv/crm/sub/a.kecard', linux)).toBe(true);
    expect(isOnNetworkFileSystem('/home/zhang/remote/a.kecard', linux)).toBe(true);
    expect(isOnNetworkFileSystem('/home/zhang/a.kecard', linux)).toBe(false);
    expect(isOnNetworkFileSystem('/mnt/shop/cache/a.kecard', linux)).toBe(false);
    expect(isOnNetworkFileSystem('/mnt/shopping/a.kecard', linux)).toBe(false);
    expect(fileSystemType('/media/zhang/U 盘', LINUX_MOUNTS, 'linux')).toBe('exfat');
  });

  it('macOS: smbfs, nfs and afpfs volumes from `mount`', () => {
    const mac = source('darwin', MAC_MOUNT);
    expect(isOnNetworkFileSystem('/Volumes/shop/a.kecard', mac)).toBe(true);
    expect(isOnNetworkFileSystem('/Volumes/export/a.kecard', mac)).toBe(true);
    expect(isOnNetworkFileSystem('/Volumes/Old Share/a.kecard', mac)).toBe(true);
    expect(isOnNetworkFileSystem('/Users/zhang/Documents/a.kecard', mac)).toBe(false);
  });

  it('Windows: mapped drives and UNC paths; local drives are local', () => {
    const win = source('win32', NET_USE);
    expect(isOnNetworkFileSystem('Z:\\客户\\a.kecard', win)).toBe(true);
    expect(isOnNetworkFileSystem('y:\\a.kecard', win)).toBe(true);
    expect(isOnNetworkFileSystem('C:\\Users\\zhang\\a.kecard', win)).toBe(false);
    expect(isOnNetworkFileSystem('\\\\nas\\shop\\a.kecard', win)).toBe(true);
    expect(isOnNetworkFileSystem('//nas/shop/a.kecard', source('linux', ''))).toBe(true);
  });

  it('a mount table that cannot be read is taken as local', () => {
    const broken: MountSource = {
      platform: 'linux',
      mountTable: () => {
        throw new Error('no /proc');
      },
      mappedDrives: () => '',
      realPath: (p) => p,
    };
    expect(isOnNetworkFileSystem('/mnt/shop/a.kecard', broken)).toBe(false);
  });
});
