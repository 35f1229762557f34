import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConflictSide, SyncScope, SyncSiteSummary } from '../../src-shared/domain/sync';
import { listConflicts, resolveConflict } from '../sync/conflicts/conflict-inbox';
import { PRIVATE_FILE_MODE } from '../files/private-files';
import { exportBundles, importBundles } from '../sync/exchange/bundle-files';
import { indexPendingSearch } from '../services/search/index-pending-search';
import { readInvitationFile } from '../sync/network/invitation-file';
import { createNetwork, inviteStore, joinNetwork, revokeStore, changeStoreScope, syncStatus } from '../sync/network/network-service';
import { ownerContext } from './cli-sign-in';
import { syncRefusalText, UsageError } from './cli-errors';
import type { CommandOutput } from './cli-commands';
import { openForCommand, openForReading } from './cli-workspace';

// `kecard site …` and `kecard sync …`: enrolment and the exchange of bundles for HQ's scripts
// and for tests, through the same services as the 同步中心.

export interface SyncArgs {
  code?: string | undefined;
  name?: string | undefined;
  out?: string | undefined;
  invite?: string | undefined;
  to?: string | undefined;
  all?: boolean | undefined;
  processed?: string | undefined;
  own?: boolean | undefined;
  stores?: string | undefined;
}

export function siteCommand(workspace: string, action: string | undefined, rest: readonly string[], args: SyncArgs): CommandOutput {
  if (rest.length > 0) throw new UsageError(`多余的参数 / unexpected argument: ${rest.join(' ')}`);
  const path = resolve(workspace);
  switch (action) {
    case 'show': {
      const ws = openForReading(path);
      try {
        return statusOutput(syncStatus(ws));
      } finally {
        ws.close();
      }
    }
    case 'create-network': {
      const ws = openForCommand(path);
      try {
        return statusOutput(createNetwork(ws, { code: need('--code', args.code).toUpperCase(), name: need('--name', args.name) }));
      } finally {
        ws.close();
      }
    }
    case 'invite': {
      const out = resolve(need('--out', args.out));
      const ws = openForCommand(path);
      try {
        const { invitation } = inviteStore(ws, { code: need('--code', args.code), name: need('--name', args.name) });
        // The invitation holds a secret that enrols whoever opens it first: the user's eyes only.
        writeFileSync(out, invitation, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
        return {
          json: { invitation: out },
          text: [`邀请文件已写入 / Invitation written: ${out}`, '请通过可信渠道交给门店 / hand it to the store over a channel you trust.'],
        };
      } finally {
        ws.close();
      }
    }
    case 'join': {
      const file = resolve(need('--invite', args.invite));
      const ws = openForCommand(path);
      try {
        const joined = joinNetwork(ws, ownerContext(ws), readInvitationFile(file));
        return {
          json: joined,
          text: [
            `已加入 ${joined.hq.name} (${joined.hq.code}) 的同步组 / Joined the network of ${joined.hq.name}.`,
            `安全码 / Safety code: ${joined.safetyCode}（请与总部电话核对 / compare it with HQ by phone）`,
            '下一步：导出同步包交给总部 / next: export a bundle for HQ (kecard sync export).',
          ],
        };
      } finally {
        ws.close();
      }
    }
    case 'revoke': {
      const ws = openForCommand(path);
      try {
        revokeStore(ws, need('--code', args.code));
        return statusOutput(syncStatus(ws));
      } finally {
        ws.close();
      }
    }
    case 'scope': {
      const code = need('--code', args.code).toUpperCase();
      const scope = scopeArg(args);
      const ws = openForCommand(path);
      try {
        return statusOutput(changeStoreScope(ws, code, scope));
      } finally {
        ws.close();
      }
    }
    default:
      throw new UsageError('kecard site show|create-network|invite|join|revoke|scope');
  }
}

export function syncCommand(workspace: string, action: string | undefined, rest: readonly string[], args: SyncArgs): CommandOutput {
  const path = resolve(workspace);
  switch (action) {
    case 'status': {
      if (rest.length > 0) throw new UsageError(`多余的参数 / unexpected argument: ${rest.join(' ')}`);
      const ws = openForReading(path);
      try {
        return statusOutput(syncStatus(ws));
      } finally {
        ws.close();
      }
    }
    case 'export': {
      if (rest.length > 0) throw new UsageError(`多余的参数 / unexpected argument: ${rest.join(' ')}`);
      const out = resolve(need('--out', args.out));
      if (!args.all && !args.to) throw new UsageError('缺少 / missing --to CODE or --all');
      const ws = openForCommand(path);
      try {
        const made = exportBundles(ws, out, args.all ? 'all' : [args.to as string]);
        return {
          json: { bundles: made },
          text: made.map((b) => `→ ${b.to} #${b.number}: ${b.changes} 条变更 / changes, ${b.files.length} 个文件 / files: ${b.files.join(', ')}`),
        };
      } finally {
        ws.close();
      }
    }
    case 'import': {
      if (rest.length === 0) throw new UsageError('缺少同步包文件或文件夹 / missing FILE|DIR…');
      const ws = openForCommand(path);
      try {
        const files = rest.map((f) => resolve(f));
        const outcome = importBundles(ws, ownerContext(ws), files, args.processed ? { processedDir: resolve(args.processed) } : {});
        // A large bundle leaves its new customers' search documents to the backlog (apply-bundle.ts);
        // the CLI has no background job, so it writes them now, after the commit.
        indexPendingSearch(ws);
        const text = [
          ...outcome.applied.map((a) =>
            a.duplicate
              ? `= ${a.from.code} #${a.number}: 已应用过，未做更改 / applied before, nothing changed`
              : `✓ ${a.from.code} #${a.number}: ${a.applied} / ${a.changes} 条变更已应用 / changes applied${a.enrolled ? `；${a.from.name} 已加入，安全码 / joined, safety code ${a.safetyCode}` : ''}${
                  a.removed.length > 0
                    ? `；${a.removed.length} 位客户已转到其他门店，本店不再保存 / customers moved to another store, no longer kept here: ${a.removed.map((r) => r.name).join('、')}`
                    : ''
                }`,
          ),
          ...outcome.waiting.map((w) => `… ${w.from} #${w.number}: 缺少第 ${w.missing.join('、')} 部分 / waiting for parts ${w.missing.join(', ')}`),
          ...outcome.refused.map((r) => `✗ ${r.files.join(', ')}: ${syncRefusalText(r.code, { reason: r.reason }) ?? r.message}`),
        ];
        return { json: outcome, text: text.length > 0 ? text : ['没有同步包 / no bundles found'], failed: outcome.refused.length > 0 };
      } finally {
        ws.close();
      }
    }
    default:
      throw new UsageError('kecard sync status|export|import');
  }
}

/** Exactly one of --own, --all, --stores A,B: which customers the store receives. */
function scopeArg(args: SyncArgs): SyncScope {
  const given = [args.own === true, args.all === true, args.stores !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError('请给出 --own、--all 或 --stores 之一 / give one of --own, --all, --stores CODE,CODE');
  if (args.own) return { customers: 'own' };
  if (args.all) return { customers: 'all' };
  const stores = (args.stores ?? '')
    .split(/[,，\s]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
  if (stores.length === 0 || stores.some((s) => !/^[A-Z0-9]{2,8}$/.test(s))) {
    throw new UsageError('--stores 需要门店代码，如 NJ01,SH01 / --stores needs 门店 codes such as NJ01,SH01');
  }
  return { customers: 'stores', stores };
}

/** A scope in both languages, for the status lines. */
export function scopeText(scope: SyncScope): string {
  if (scope.customers === 'own') return '本店客户 / its own customers';
  if (scope.customers === 'all') return '全部客户 / all customers';
  return `指定门店的客户 / customers of ${scope.stores.join(', ')}`;
}

function need(flag: string, value: string | undefined): string {
  if (!value || value.trim() === '') throw new UsageError(`缺少 / missing ${flag}`);
  return value.trim();
}

function statusOutput(status: SyncSiteSummary): CommandOutput {
  if (!status.networkId) return { json: status, text: ['未加入同步组（单机工作区）/ Not in a sync network (standalone workspace).'] };
  const role = status.role === 'hq' ? '总部 HQ' : '门店 store';
  return {
    json: status,
    text: [
      `${status.name} (${status.code}) · ${role} · 网络 / network ${status.networkId}`,
      ...status.partners.map(
        (p) =>
          `  ${p.code} ${p.name}: ${p.revoked ? '已停用 / revoked' : p.enrolled ? '已加入 / enrolled' : '等待加入 / invited'}; ` +
          `已发 / sent #${p.sentNumber}, 已收 / received #${p.receivedNumber}, 待发变更 / waiting ${p.waiting}` +
          (p.safetyCode ? `; 安全码 / safety code ${p.safetyCode}` : '') +
          (status.role === 'hq' ? `; 范围 / scope: ${scopeText(p.scope)}` : ''),
      ),
    ],
  };
}

/** `kecard conflicts list` and `kecard conflicts keep ID --value kept|lost`. */
export function conflictsCommand(
  workspace: string,
  action: string | undefined,
  rest: readonly string[],
  args: { value?: string | undefined; all?: boolean | undefined },
): CommandOutput {
  const path = resolve(workspace);
  switch (action) {
    case 'list': {
      if (rest.length > 0) throw new UsageError(`多余的参数 / unexpected argument: ${rest.join(' ')}`);
      const ws = openForReading(path);
      try {
        const conflicts = listConflicts(ws, { open: args.all !== true });
        const side = (s: ConflictSide) => `${JSON.stringify(s.value)} (${s.site.name ?? s.site.siteId} ${s.user} ${s.at})`;
        return {
          json: { conflicts },
          text:
            conflicts.length === 0
              ? ['冲突箱是空的 / The conflict inbox is empty.']
              : conflicts.map(
                  (c) =>
                    `#${c.id} ${c.entity} ${c.entityId}${c.field ? ` ${c.field}` : ''}: ` +
                    (c.kind === 'deleted' ? '已被删除，修改未生效 / deleted elsewhere, the edit waits' : '并发修改 / concurrent edit') +
                    `; 现值 / kept ${side(c.kept)}; 落选 / lost ${side(c.lost)}` +
                    (c.resolution ? ` — ${c.resolution}` : ''),
                ),
        };
      } finally {
        ws.close();
      }
    }
    case 'keep': {
      const [idText, ...extra] = rest;
      if (!idText || extra.length > 0 || !/^\d+$/.test(idText)) throw new UsageError('kecard conflicts keep ID --value kept|lost');
      const value = args.value;
      if (value !== 'kept' && value !== 'lost')
        throw new UsageError('--value kept（保留现值 / keep the record as it is）或 / or lost（改用落选值 / write the losing value back）');
      const ws = openForCommand(path);
      try {
        resolveConflict(ws, ownerContext(ws), Number(idText), value);
        return {
          json: { id: Number(idText), kept: value },
          text: [`#${idText}: ${value === 'kept' ? '保留现值 / kept as it is' : '已改用落选值 / the losing value is back'}`],
        };
      } finally {
        ws.close();
      }
    }
    default:
      throw new UsageError('kecard conflicts list|keep');
  }
}
