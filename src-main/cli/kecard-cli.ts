// `kecard` command line (bundled to dist/main/cli.mjs, started by bin/kecard.mjs). It works on
// workspace files through the same services as the app, as the local OS user.
import { parseArgs } from 'node:util';
import { describeError, EXIT, UsageError } from './cli-errors';
import { callCommand } from './call-command';
import { demoCommand, HELP, infoCommand, initCommand, searchCommand, type CliIo, type CommandOutput } from './cli-commands';
import { reportCommand } from './report-command';
import { conflictsCommand, siteCommand, syncCommand } from './sync-commands';
import { backupCommand, importCommand, restoreCommand } from './data-commands';

const OPTIONS = {
  workspace: { type: 'string', short: 'w' },
  customers: { type: 'string', short: 'n' },
  seed: { type: 'string' },
  'orders-per-customer': { type: 'string' },
  from: { type: 'string' },
  limit: { type: 'string' },
  file: { type: 'string', short: 'f' },
  target: { type: 'string' },
  type: { type: 'string' },
  mode: { type: 'string' },
  sheet: { type: 'string' },
  encoding: { type: 'string' },
  duplicate: { type: 'string' },
  'dry-run': { type: 'boolean' },
  backup: { type: 'string' },
  latest: { type: 'boolean' },
  as: { type: 'string' },
  'as-of': { type: 'string' },
  days: { type: 'string' },
  scheme: { type: 'string' },
  period: { type: 'string' },
  to: { type: 'string' },
  by: { type: 'string' },
  code: { type: 'string' },
  name: { type: 'string' },
  out: { type: 'string' },
  invite: { type: 'string' },
  all: { type: 'boolean' },
  processed: { type: 'string' },
  own: { type: 'boolean' },
  stores: { type: 'string' },
  store: { type: 'string' },
  value: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which options each command accepts; anything else is a usage error rather than silently ignored. */
const ALLOWED: Record<string, readonly string[]> = {
  demo: ['workspace', 'customers', 'seed', 'orders-per-customer', 'from', 'json', 'help'],
  info: ['workspace', 'json', 'help'],
  search: ['workspace', 'limit', 'json', 'help'],
  import: ['workspace', 'file', 'target', 'type', 'mode', 'sheet', 'encoding', 'duplicate', 'dry-run', 'json', 'help'],
  backup: ['workspace', 'json', 'help'],
  restore: ['workspace', 'backup', 'latest', 'json', 'help'],
  init: ['workspace', 'json', 'help'],
  call: ['workspace', 'as', 'json', 'help'],
  report: ['workspace', 'as', 'as-of', 'days', 'scheme', 'period', 'from', 'to', 'type', 'by', 'store', 'json', 'help'],
  site: ['workspace', 'code', 'name', 'out', 'invite', 'own', 'all', 'stores', 'json', 'help'],
  sync: ['workspace', 'to', 'all', 'out', 'processed', 'json', 'help'],
  conflicts: ['workspace', 'value', 'all', 'json', 'help'],
  help: ['json', 'help'],
};

async function main(argv: readonly string[]): Promise<number> {
  const wantsJson = argv.includes('--json');
  const io: CliIo = {
    json: wantsJson,
    note: (line, sameLine = false) => {
      if (wantsJson) return;
      const tty = process.stderr.isTTY === true;
      // On a terminal, progress rewrites one line; an empty note ends it. In a log, one line each.
      if (line === '') {
        if (tty) process.stderr.write('\n');
      } else if (sameLine && tty) process.stderr.write(`\r\x1b[K${line}`);
      else process.stderr.write(`${line}\n`);
    },
  };
  let workspace = '';
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    const [command = 'help', ...rest] = positionals;
    workspace = values.workspace ?? '';
    const allowed = ALLOWED[command];
    if (!allowed) throw new UsageError(`未知命令 / unknown command: ${command}`);
    for (const key of Object.keys(values)) {
      if (!allowed.includes(key)) throw new UsageError(`命令 ${command} 不接受 / "${command}" does not take --${key}`);
    }
    const output = values.help || command === 'help' ? helpOutput() : await run(command, rest, values, workspace, io);
    print(output, wantsJson);
    return output.failed ? EXIT.failed : EXIT.ok;
  } catch (err) {
    const failure = describeError(isParseArgsError(err) ? new UsageError(err.message) : err, workspace);
    if (wantsJson) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: failure.code, message: failure.message } })}\n`);
    else process.stderr.write(`${failure.message}\n`);
    return failure.exitCode;
  }
}

async function run(
  command: string,
  rest: string[],
  values: {
    workspace?: string | undefined;
    customers?: string | undefined;
    seed?: string | undefined;
    'orders-per-customer'?: string | undefined;
    from?: string | undefined;
    limit?: string | undefined;
    file?: string | undefined;
    target?: string | undefined;
    type?: string | undefined;
    mode?: string | undefined;
    sheet?: string | undefined;
    encoding?: string | undefined;
    duplicate?: string | undefined;
    'dry-run'?: boolean | undefined;
    backup?: string | undefined;
    latest?: boolean | undefined;
    as?: string | undefined;
    'as-of'?: string | undefined;
    days?: string | undefined;
    scheme?: string | undefined;
    period?: string | undefined;
    to?: string | undefined;
    by?: string | undefined;
    code?: string | undefined;
    name?: string | undefined;
    out?: string | undefined;
    invite?: string | undefined;
    all?: boolean | undefined;
    processed?: string | undefined;
    own?: boolean | undefined;
    stores?: string | undefined;
    store?: string | undefined;
    value?: string | undefined;
  },
  workspace: string,
  io: CliIo,
): Promise<CommandOutput> {
  const needWorkspace = () => {
    if (!workspace) throw new UsageError('缺少 / missing --workspace FILE');
    return workspace;
  };
  const noPositionals = () => {
    if (rest.length > 0) throw new UsageError(`多余的参数 / unexpected argument: ${rest.join(' ')}`);
  };
  switch (command) {
    case 'demo':
      noPositionals();
      return demoCommand(needWorkspace(), values.customers, values.seed, io, values['orders-per-customer'], values.from);
    case 'info':
      noPositionals();
      return infoCommand(needWorkspace());
    case 'search': {
      const query = rest.join(' ').trim();
      if (!query) throw new UsageError('缺少查询词 / missing QUERY');
      return searchCommand(needWorkspace(), query, values.limit);
    }
    case 'import':
      noPositionals();
      return importCommand(needWorkspace(), { ...values, dryRun: values['dry-run'] }, io);
    case 'init':
      noPositionals();
      return initCommand(needWorkspace());
    case 'call': {
      const [method, input, ...extra] = rest;
      if (!method) throw new UsageError('缺少方法名 / missing METHOD (e.g. customers.list)');
      if (extra.length > 0) throw new UsageError(`多余的参数 / unexpected argument: ${extra.join(' ')}`);
      return callCommand(needWorkspace(), method, input, io, values.as);
    }
    case 'report': {
      const [kind, ...extra] = rest;
      if (!kind) throw new UsageError('缺少报表类型 / missing KIND (e.g. pareto)');
      if (extra.length > 0) throw new UsageError(`多余的参数 / unexpected argument: ${extra.join(' ')}`);
      return reportCommand(needWorkspace(), kind, values, io, values.as);
    }
    case 'backup':
      noPositionals();
      return backupCommand(needWorkspace());
    case 'restore':
      noPositionals();
      return restoreCommand(needWorkspace(), values.backup, values.latest === true);
    case 'site': {
      const [action, ...extra] = rest;
      return siteCommand(needWorkspace(), action, extra, values);
    }
    case 'sync': {
      const [action, ...extra] = rest;
      return syncCommand(needWorkspace(), action, extra, values);
    }
    case 'conflicts': {
      const [action, ...extra] = rest;
      return conflictsCommand(needWorkspace(), action, extra, values);
    }
    default:
      throw new UsageError(`未知命令 / unknown command: ${command}`);
  }
}

/** node:util parseArgs reports unknown options and missing values as TypeErrors with ERR_PARSE_ARGS_* codes. */
function isParseArgsError(err: unknown): err is Error {
  const code = (err as { code?: unknown }).code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function helpOutput(): CommandOutput {
  return {
    json: {
      commands: ['init', 'demo', 'info', 'search', 'import', 'backup', 'restore', 'call', 'report', 'site', 'sync', 'conflicts', 'help'],
      usage: HELP,
    },
    text: HELP,
  };
}

function print(output: CommandOutput, json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify(output.raw ? output.json : { ok: true, value: output.json })}\n`);
  else process.stdout.write(`${output.text.join('\n')}\n`);
}

// Set exitCode instead of calling exit(), so pending stdout writes to a pipe are not cut off.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${describeError(err).message}\n`);
    process.exitCode = EXIT.failed;
  },
);
