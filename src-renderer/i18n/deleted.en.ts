import type { DeletedMessages } from './deleted.zh-CN';

/** Deleted customers dialog: restore, purge. Same keys as `deleted.zh-CN.ts`. */
export const deletedEn: DeletedMessages = {
  deletedCustomers: {
    menu: 'Deleted customers…',
    title: 'Deleted customers',
    hint: 'Deleted customers can be restored. Purging removes a customer’s name, phones, e-mail, address, contacts, notes and custom fields for good (old values in the history too); order and receipt amounts stay.',
    empty: 'No deleted customers.',
    name: 'Customer',
    code: 'Code',
    deletedAt: 'Deleted',
    count: '{{n}} in all',
    restore: 'Restore',
    purge: 'Purge',
    managerOnly: 'Only a manager can purge',
    restored: 'Customer “{{name}}” restored.',
    confirmPurge:
      'Purge customer “{{name}}”? Its name, phones, e-mail, address, contacts, notes and custom fields will be removed from the workspace and its history for good. This cannot be undone. Backups taken before the purge still hold them: automatic backups are rotated out within about 4 weeks, backups taken before an operation only once 10 newer exist, and manual backups never. To remove the data at once, delete the backups from before the purge in the backup folder (File → Backup and restore).',
    purged: 'Customer “{{name}}” purged.',
    close: 'Close',
  },
};
