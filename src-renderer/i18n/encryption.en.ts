import type { EncryptionMessages } from './encryption.zh-CN';

/** Settings → Encryption (managers). Same keys as `encryption.zh-CN.ts`. */
export const encryptionEn: EncryptionMessages = {
  enc: {
    tab: 'Encryption',
    title: 'Encryption',
    intro:
      'Once encrypted, the workspace file, its backups and saved copies open only with a user’s password (or the manager’s recovery code). Someone who copies the file or finds a lost laptop cannot read the customers.',
    state: 'State',
    on: 'Encrypted',
    off: 'Not encrypted',
    cipher: 'Cipher',
    file: 'Workspace file',
    keysFile: 'Keys file',
    chooseCipher: 'Cipher',
    cipherChacha20: 'ChaCha20 (recommended)',
    cipherSqlcipher: 'SQLCipher (AES-256)',
    keysExplain:
      'Encryption writes the keys file {{keysFile}} beside the workspace. Whenever you copy, move or send the workspace, take this .keys file with it, or no password can open the copy. Backups take it along by themselves.',
    recoveryExplain:
      'Encrypting makes a new recovery code (shown once); the old one stops working. If the manager forgets their password, the recovery code is the only way back: write it down and keep it safe. With every password and the code lost, the data cannot be recovered.',
    needPassword: 'Encryption needs a manager password. Set one first.',
    setPassword: 'Set password…',
    password: 'Your password (again)',
    encrypt: 'Encrypt this workspace',
    encrypting: 'Encrypting; do not close Kecard…',
    encrypted: 'The workspace is encrypted.',
    decryptExplain: 'Without encryption anyone who has the file can read the customers. Backups already encrypted stay encrypted.',
    decrypt: 'Turn encryption off',
    decrypting: 'Turning encryption off; do not close Kecard…',
    decrypted: 'Encryption is off: the workspace file is no longer encrypted.',
    confirmDecrypt: 'The workspace file will be stored unencrypted: anyone who has it can read it. Turn encryption off?',
    plainTitle: 'Older unencrypted backups',
    plainExplain:
      'These backups (pre-upgrade and pre-restore copies included) were written before encryption and are still plain: whoever has them can read the customers in them. Encrypt them with the current key, or delete them.',
    plainNone: 'No unencrypted backups.',
    takenAt: 'Taken',
    reason: 'Reason',
    size: 'Size',
    encryptPlain: 'Encrypt all',
    deletePlain: 'Delete all',
    plainEncrypted: '{{count}} backup(s) encrypted.',
    plainDeleted: '{{count}} backup(s) deleted.',
    confirmDeletePlain: 'Delete {{count}} unencrypted backup(s)? They can no longer be restored.',
    restorePlainWarning:
      'This backup ({{time}}) is not encrypted. After restoring it the workspace will no longer be encrypted, its keys file is removed, and anyone who has the file can read the customers. You can encrypt it again in Settings → Encryption. Restore anyway?',
    restoredPlain: 'An unencrypted backup was restored: the workspace is now unencrypted. Encrypt it again in Settings → Encryption.',
    offerWithPassword: 'Also encrypt this workspace (recommended)',
    offerHint: 'The file is encrypted with this password; copy {{keysFile}} along with the workspace.',
    encryptedBackup: 'Encrypted',
    offerAtCreation: 'Set a manager password for the new workspace and encrypt it, so a copied file shows nothing.',
    protectNow: 'Set password and encrypt…',
  },
};
