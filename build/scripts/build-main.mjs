// Bundles the Node/Electron side with esbuild: one file per entry in dist/main. better-sqlite3-multiple-ciphers
// (native) and electron stay external; the preload is CommonJS because sandboxed preloads must be.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

const esmEntries = {
  launch: 'src-main/shell/launch.ts',
  cli: 'src-main/cli/kecard-cli.ts',
  'demo-worker': 'src-main/demo/demo-worker.ts',
  'import-worker': 'src-main/import/import-worker.ts',
  'file-reader-worker': 'src-main/import/file-reader-worker.ts',
  'report-worker': 'src-main/analysis/report-worker.ts',
  'analysis-worker': 'src-main/analysis/analysis-worker.ts',
  'query-worker': 'src-main/services/query/query-worker.ts',
  'index-worker': 'src-main/services/custom-fields/field-index-worker.ts',
  'export-worker': 'src-main/services/export/export-worker.ts',
  'backup-verify-worker': 'src-main/backup/backup-verify-worker.ts',
  'sync-worker': 'src-main/sync/exchange/sync-worker.ts',
  'electron-main': 'src-main/electron/electron-main.ts',
  bench: 'bench/run-bench.ts',
  'bench-analysis': 'bench/run-bench-analysis.ts',
  'bench-sync': 'bench/run-bench-sync.ts',
  'bench-scope': 'bench/run-bench-scope.ts',
};
const present = Object.fromEntries(Object.entries(esmEntries).filter(([, file]) => existsSync(file)));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // unzipper (the xlsx reader's zip directory) requires the AWS SDK only to open zips on S3.
  external: ['better-sqlite3-multiple-ciphers', 'electron', '@aws-sdk/client-s3'],
  // drizzle's driver module imports plain better-sqlite3, which is not installed: the
  // encryption-capable build has the same API (docs/performance.md, "encryption at rest").
  alias: { 'better-sqlite3': 'better-sqlite3-multiple-ciphers' },
  define: { __KECARD_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  sourcemap: 'linked',
};

await build({
  ...common,
  entryPoints: present,
  outdir: 'dist/main',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // Bundled CommonJS dependencies may call require(); give ESM output one.
  banner: { js: "import { createRequire as __kecardRequire } from 'node:module'; const require = __kecardRequire(import.meta.url);" },
});

if (existsSync('src-main/electron/preload.ts')) {
  await build({
    ...common,
    entryPoints: { preload: 'src-main/electron/preload.ts' },
    outdir: 'dist/main',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    banner: {},
  });
}
