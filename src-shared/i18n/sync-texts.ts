// What Kecard says when sync refuses something (a bundle, an invitation, a folder, an undo over
// another site's change), in both languages: one table for the renderer's i18n resources (its
// `error` table takes these) and for the CLI (src-main/cli/cli-errors.ts).

export const syncErrorsZhCN = {
  SYNC_REFUSED: '同步被拒绝，未做任何更改。',
  SYNC_REFUSED_notInNetwork: '本工作区还没有加入同步组。请先在同步中心创建同步组（总部）或打开邀请文件（门店）。',
  SYNC_REFUSED_alreadyInNetwork: '本工作区已经在一个同步组中，不能再创建或加入另一个。',
  SYNC_REFUSED_notHq: '只有总部可以邀请或停用门店。',
  SYNC_REFUSED_wrongNetwork: '该同步包属于另一个同步组，未导入。',
  SYNC_REFUSED_notForThisSite: '该同步包是发给其他站点的，未导入。请检查发件方和收件方。',
  SYNC_REFUSED_unknownSender: '发送该同步包的站点不在本同步组中，未导入。',
  SYNC_REFUSED_revoked: '发送方已被总部停用，其同步包不再导入。',
  SYNC_REFUSED_newerSchema: '该同步包由更新版本的客卡（{{appVersion}}）生成，请升级到该版本后再导入。未导入任何更改。',
  SYNC_REFUSED_notEnrolled: '该门店还没有加入：请先导入它发来的第一个同步包。',
  SYNC_REFUSED_badInvitation: '该文件不是客卡邀请文件，或已损坏，未加入。请让总部重新发送邀请文件。',
  SYNC_REFUSED_badProof: '该同步包无法证明来自受邀门店（邀请码不符），未导入。',
  SYNC_REFUSED_badEntries: '同步包中的更改无法识别或无法应用，未导入任何更改。请让对方升级客卡后重新导出。',
  SYNC_REFUSED_unknownPartner: '同步组中没有这个站点代码。',
  SYNC_FOLDER: '无法使用同步文件夹。',
  SYNC_FOLDER_notSet: '还没有为该站点设置同步文件夹。',
  SYNC_FOLDER_relative: '请填写同步文件夹的完整路径（例如 \\\\总部\\同步 或 /Volumes/同步），而不是“{{folder}}”。',
  SYNC_FOLDER_missing: '同步文件夹 {{folder}} 无法访问。如果它在网络位置或移动硬盘上，请先连接后再试。',
  SYNC_FOLDER_notFolder: '{{folder}} 是一个文件，不是文件夹。',
  UNDO_CONFLICT_otherSite: '无法撤销：{{user}}（其他站点）之后修改了这条记录，撤销会覆盖他的修改。如需更改，请直接编辑。',
  BUNDLE_INVALID: '无法使用该同步包，未导入任何更改。',
  BUNDLE_INVALID_notABundle: '该文件不是客卡同步包，未导入。请选择对方导出的 .kcsync 文件。',
  BUNDLE_INVALID_incomplete: '同步包不完整：缺少分卷文件，或文件没有复制完整，未导入。请等所有分卷都收到（或重新复制）后再导入。',
  BUNDLE_INVALID_mixedParts: '所选文件属于不同的同步包，未导入。请只选择同一个同步包的各个分卷。',
  BUNDLE_INVALID_tampered: '同步包已损坏或被篡改（校验值或签名不符），未导入任何更改。请让对方重新导出后再发送。',
  BUNDLE_INVALID_notForThisSite: '该同步包不是发给本站点的（本站点的密钥无法解密），未导入。请检查发件方和收件方。',
  BUNDLE_INVALID_tooLarge: '同步包的内容解压后超过上限 {{limit}}，未导入。',
  BUNDLE_INVALID_formatNewer: '该同步包由更新版本的客卡生成，请升级客卡后再导入。未导入任何更改。',
};

export const syncErrorsEn: typeof syncErrorsZhCN = {
  SYNC_REFUSED: 'Sync was refused; nothing was changed.',
  SYNC_REFUSED_notInNetwork: 'This workspace is not in a sync network yet. Create one in the sync centre (HQ) or open an invitation (store).',
  SYNC_REFUSED_alreadyInNetwork: 'This workspace is in a sync network already; it cannot create or join another.',
  SYNC_REFUSED_notHq: 'Only HQ invites or revokes stores.',
  SYNC_REFUSED_wrongNetwork: 'This bundle belongs to another sync network; nothing was imported.',
  SYNC_REFUSED_notForThisSite: 'This bundle is for another site; nothing was imported. Check the sender and the recipient.',
  SYNC_REFUSED_unknownSender: 'The site that sent this bundle is not in this sync network; nothing was imported.',
  SYNC_REFUSED_revoked: 'The sender has been revoked by HQ; its bundles are no longer imported.',
  SYNC_REFUSED_newerSchema: 'This bundle was made by a newer Kecard ({{appVersion}}); upgrade to import it. Nothing was changed.',
  SYNC_REFUSED_notEnrolled: 'This store has not joined yet: import the first bundle it sent.',
  SYNC_REFUSED_badInvitation: 'This is not a Kecard invitation, or it is damaged; nothing was joined. Ask HQ to send the invitation again.',
  SYNC_REFUSED_badProof: 'This bundle does not prove it comes from the invited store; nothing was imported.',
  SYNC_REFUSED_badEntries:
    'The changes in this bundle cannot be read or applied; nothing was imported. Ask the sender to update Kecard and export again.',
  SYNC_REFUSED_unknownPartner: 'There is no site with that code in the sync network.',
  SYNC_FOLDER: 'The sync folder cannot be used.',
  SYNC_FOLDER_notSet: 'No sync folder is set for this site yet.',
  SYNC_FOLDER_relative: 'Enter the full path of the sync folder (such as \\\\hq\\sync or /Volumes/Sync), not “{{folder}}”.',
  SYNC_FOLDER_missing: 'The sync folder {{folder}} cannot be reached. If it is on a network or removable drive, connect it and try again.',
  SYNC_FOLDER_notFolder: '{{folder}} is a file, not a folder.',
  UNDO_CONFLICT_otherSite: 'Cannot undo: {{user}} (another site) has changed this record since, and undoing would overwrite that. Edit it instead.',
  BUNDLE_INVALID: 'This sync bundle cannot be used; nothing was imported.',
  BUNDLE_INVALID_notABundle: 'This file is not a Kecard sync bundle; nothing was imported. Choose a .kcsync file exported by the other site.',
  BUNDLE_INVALID_incomplete:
    'The sync bundle is incomplete: a part is missing or a file was not copied completely; nothing was imported. Import it once every part has arrived (or copy it again).',
  BUNDLE_INVALID_mixedParts: 'The chosen files belong to different sync bundles; nothing was imported. Choose the parts of one bundle only.',
  BUNDLE_INVALID_tampered:
    'The sync bundle is damaged or has been tampered with (a checksum or the signature does not match); nothing was imported. Ask the other site to export and send it again.',
  BUNDLE_INVALID_notForThisSite:
    "This sync bundle is not addressed to this site (this site's keys cannot decrypt it); nothing was imported. Check the sender and the recipient.",
  BUNDLE_INVALID_tooLarge: 'The sync bundle unpacks to more than the limit of {{limit}}; nothing was imported.',
  BUNDLE_INVALID_formatNewer: 'This sync bundle was made by a newer version of Kecard. Upgrade Kecard, then import it again; nothing was imported.',
};
