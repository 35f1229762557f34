import type { Role } from '../domain/enums';

type PeopleErrorKey =
  | 'SIGN_IN_REQUIRED'
  | 'SIGN_IN_FAILED'
  | 'SIGN_IN_FAILED_wrong'
  | 'SIGN_IN_FAILED_locked'
  | 'SIGN_IN_FAILED_disabled'
  | 'SIGN_IN_FAILED_tooSoon'
  | 'CONFLICT_setOwnPasswordFirst'
  | 'CONFLICT_lastManager'
  | 'FORBIDDEN_signInFirst'
  | 'FORBIDDEN_localOnly'
  | 'FORBIDDEN_needsPassword'
  | 'FORBIDDEN_managersOnly'
  | 'FORBIDDEN_ownScope'
  | 'FORBIDDEN_fieldHidden'
  | 'FORBIDDEN_fieldLocked'
  | 'FORBIDDEN_conflictField'
  | 'UNAUTHORIZED_noSession'
  | 'UNAUTHORIZED_sessionEnded'
  | 'WORKSPACE_ENCRYPTED_signIn'
  | 'WORKSPACE_ENCRYPTED_keysMissing'
  | 'WORKSPACE_ENCRYPTED_keyMismatch'
  | 'WORKSPACE_ENCRYPTED_keysUnreadable'
  | 'CONFLICT_alreadyEncrypted'
  | 'CONFLICT_notEncrypted'
  | 'CONFLICT_restoresPlain'
  | 'HOST_UNREACHABLE'
  | 'HOST_UNREACHABLE_refused'
  | 'HOST_UNREACHABLE_timeout'
  | 'HOST_UNREACHABLE_reconnecting'
  | 'PAIRING_MISMATCH';

// What Kecard says about sign-in and users, in both languages: one table for the renderer's i18n
// `error` resources and for the CLI (src-main/cli/cli-errors.ts). Keys are CODE or CODE_reason.

export const peopleErrorsZhCN: Record<PeopleErrorKey, string> = {
  SIGN_IN_REQUIRED: '此工作区需要登录。',
  SIGN_IN_FAILED: '登录失败。',
  SIGN_IN_FAILED_wrong: '登录名或密码不正确。',
  SIGN_IN_FAILED_locked: '密码错误次数过多，该用户已被锁定。请稍后再试，或请经理解锁。',
  SIGN_IN_FAILED_disabled: '该用户已被停用，请联系经理。',
  SIGN_IN_FAILED_tooSoon: '密码错误次数过多，请等待 {{waitSeconds}} 秒后再试。',
  CONFLICT_setOwnPasswordFirst: '请先为自己设置密码，再添加其他用户（否则您将无法登录）。',
  CONFLICT_lastManager: '不能停用或降级最后一位经理。',
  FORBIDDEN_signInFirst: '该工作区设有登录。请先打开它并以经理身份登录，再从备份恢复。',
  FORBIDDEN_localOnly: '此操作只能在共享工作区的那台电脑上进行。',
  FORBIDDEN_needsPassword: '请先设置密码：没有密码的工作区不能共享给同事。',
  FORBIDDEN_managersOnly: '只有经理可以进行此操作（经理账户、权限设置、数据加密）。',
  FORBIDDEN_ownScope: '此操作涉及全部客户，而您的角色只能查看自己的客户。',
  FORBIDDEN_fieldHidden: '这里用到了您的角色无权查看的字段（作为条件、列、分组、合计或报表的分类），无法执行。如需使用，请联系经理。',
  FORBIDDEN_fieldLocked: '您的角色不能修改其中的某个字段（隐藏、打码或只读），未保存任何更改。',
  FORBIDDEN_conflictField: '这条同步冲突涉及您的角色不能修改的字段，请由经理处理。',
  UNAUTHORIZED_noSession: '请先登录。',
  UNAUTHORIZED_sessionEnded: '登录已失效，请重新登录。',
  WORKSPACE_ENCRYPTED_signIn: '此工作区已加密，请登录。',
  WORKSPACE_ENCRYPTED_keysMissing:
    '此工作区已加密，但它旁边缺少密钥文件 {{keysFile}}。请把该文件（从原工作区或备份所在的文件夹）复制到工作区文件旁边，再打开。',
  WORKSPACE_ENCRYPTED_keyMismatch: '此工作区已加密，但旁边的密钥文件属于另一个工作区。请放回它自己的 .keys 文件。',
  WORKSPACE_ENCRYPTED_keysUnreadable: '此工作区已加密，但它的密钥文件无法读取（已损坏或来自更新版本的客卡）。',
  CONFLICT_alreadyEncrypted: '已经加密。',
  CONFLICT_notEncrypted: '此工作区未加密。',
  CONFLICT_restoresPlain: '这个备份未加密：恢复后工作区将不再加密。',
  HOST_UNREACHABLE: '无法连接到 {{address}}:{{port}}。请确认地址和端口，以及对方已开始共享、两台电脑在同一网络。',
  HOST_UNREACHABLE_refused: '{{address}}:{{port}} 拒绝了连接：对方没有在这个端口共享。请确认地址、端口，并请对方开始共享。',
  HOST_UNREACHABLE_timeout: '{{address}}:{{port}} 没有应答。请确认两台电脑在同一网络，且防火墙允许该端口。',
  HOST_UNREACHABLE_reconnecting: '与主机的连接已断开，正在重连…刚才的操作未保存，连上后请再试一次。',
  PAIRING_MISMATCH: '配对码与这台主机的证书不符，已拒绝连接（密码未发送）。请向对方核对配对码；如果对方没有更换工作区，可能有人冒充主机。',
};

export const peopleErrorsEn: Record<PeopleErrorKey, string> = {
  SIGN_IN_REQUIRED: 'This workspace asks you to sign in.',
  SIGN_IN_FAILED: 'Sign-in failed.',
  SIGN_IN_FAILED_wrong: 'Wrong login or password.',
  SIGN_IN_FAILED_locked: 'Too many wrong passwords: this user is locked. Try again later, or ask a manager to unlock it.',
  SIGN_IN_FAILED_disabled: 'This user is disabled. Ask a manager.',
  SIGN_IN_FAILED_tooSoon: 'Too many wrong passwords: wait {{waitSeconds}} s and try again.',
  CONFLICT_setOwnPasswordFirst: 'Set a password for yourself before adding other users (or you could not sign in).',
  CONFLICT_lastManager: 'The last manager cannot be disabled or demoted.',
  FORBIDDEN_signInFirst: 'This workspace has sign-in: open it and sign in as its manager before restoring a backup.',
  FORBIDDEN_localOnly: 'This can only be done on the computer that shares the workspace.',
  FORBIDDEN_needsPassword: 'Set a password first: a workspace without passwords cannot be shared.',
  FORBIDDEN_managersOnly: 'Only a manager can do this (manager accounts, permissions, encryption).',
  FORBIDDEN_ownScope: 'This covers every customer, and your role sees only its own.',
  FORBIDDEN_fieldHidden:
    'This uses a field your role may not see (as a condition, column, grouping, total or report breakdown), so it cannot be run. Ask a manager if you need it.',
  FORBIDDEN_fieldLocked: 'Your role may not change one of these fields (hidden, masked or read-only); nothing was saved.',
  FORBIDDEN_conflictField: 'This sync conflict is about a field your role may not change: a manager has to settle it.',
  UNAUTHORIZED_noSession: 'Please sign in.',
  UNAUTHORIZED_sessionEnded: 'Your session has ended: sign in again.',
  WORKSPACE_ENCRYPTED_signIn: 'This workspace is encrypted; please sign in.',
  WORKSPACE_ENCRYPTED_keysMissing:
    'This workspace is encrypted, but its keys file {{keysFile}} is not beside it. Copy that file (from the original workspace’s or the backup’s folder) next to the workspace file, then open it again.',
  WORKSPACE_ENCRYPTED_keyMismatch:
    'This workspace is encrypted, but the keys file beside it belongs to another workspace. Put its own .keys file back.',
  WORKSPACE_ENCRYPTED_keysUnreadable: 'This workspace is encrypted, but its keys file cannot be read (damaged, or from a newer Kecard).',
  CONFLICT_alreadyEncrypted: 'Already encrypted.',
  CONFLICT_notEncrypted: 'This workspace is not encrypted.',
  CONFLICT_restoresPlain: 'This backup is not encrypted: after restoring it the workspace will no longer be encrypted.',
  HOST_UNREACHABLE:
    '{{address}}:{{port}} cannot be reached. Check the address and port, that sharing is on there, and that both computers are on the same network.',
  HOST_UNREACHABLE_refused:
    '{{address}}:{{port}} refused the connection: nothing is shared on that port. Check the address and port, and ask for sharing to be started.',
  HOST_UNREACHABLE_timeout:
    '{{address}}:{{port}} does not answer. Check that both computers are on the same network and that a firewall lets the port through.',
  HOST_UNREACHABLE_reconnecting: 'The connection to the host was lost; reconnecting… That action was not saved: try again once connected.',
  PAIRING_MISMATCH:
    'The pairing code does not match this host’s certificate: the connection was refused (your password was not sent). Check the code with your colleague; if they did not change workspaces, someone may be posing as the host.',
};

/** 经理 / manager …: the roles' names. */
export const roleNamesZhCN: Record<Role, string> = { manager: '经理', assistant: '助理', staff: '业务员', admin: '总部管理员', viewer: '只读' };
export const roleNamesEn: Record<Role, string> = {
  manager: 'Manager',
  assistant: 'Assistant',
  staff: 'Salesperson',
  admin: 'HQ admin',
  viewer: 'Read only',
};
