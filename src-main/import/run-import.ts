import { basename } from 'node:path';
import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';
import { runWriteAsync, type WriteTx } from '../changelog/write-tx';
import type { Workspace } from '../db/workspace';
import { listFields } from '../services/custom-fields/field-registry';
import { CustomerImportPass } from './customer-import-pass';
import { inspectSource } from './inspect-source';
import { prepareBatches, type PrepareContext } from './prepare-rows';
import { threadedBatches } from './producer-thread';
import { runSalesImport } from './sales-import';
import { runReceiptsImport } from './receipts-import';
import { runRecordsImport } from './records-import';
import type { ImportReport, ImportSettings } from '../../src-shared/import/import-settings';
import { mappingWarnings, missingFields } from '../../src-shared/import/mapping-checks';
import { storeSites } from '../sync/network/store-sites';
import { storeWord } from './convert-row';
import { refuseInvalid } from './import-pass';

export interface ImportRunOptions {
  dryRun: boolean;
  /** The name shown in history ("imported from FILE"); defaults to the file's base name. */
  fileName?: string;
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number, phase: string) => void;
  /** Runs before anything is written (the job takes a backup here). */
  beforeWrite?: () => Promise<void>;
  /**
   * The bundled import worker (dist/main/import-worker.mjs). With it, a large file is read and
   * prepared on a second thread while this one writes; without it (tests on the sources), here.
   */
  producerFile?: URL | null;
  /** Files from this size use the producer thread (default 1 MB: below that a thread costs more than it saves). */
  threadedFromBytes?: number;
  /** Customer files from this size leave search documents to the backlog job (default 1 MB). */
  deferSearchFromBytes?: number;
}

const THREADED_FROM_BYTES = 1 << 20;
/**
 * Customer files from this size leave their search documents to the backlog job (search-backlog.ts):
 * about 5,000 rows, where writing them inline starts to be noticeable and the job takes seconds.
 */
const DEFER_SEARCH_FROM_BYTES = 1 << 20;
/** SQLite page cache for the import's transaction, in KiB (negative = KiB for the pragma). */
const IMPORT_CACHE_KIB = -256 * 1024;

/**
 * Checks a file against the settings and, unless it is a dry run, imports it: one pass over the
 * streamed file that writes in ONE transaction through the service layer with source
 * "import:FILE". Cancel, an error or a killed process leave the workspace exactly as before; "all
 * or nothing" rolls back if any row is invalid. Memory holds a few batches of rows and the
 * duplicate keys, never the file.
 */
export async function runImport(
  ws: Workspace,
  ctx: CallContext,
  path: string,
  settings: ImportSettings,
  options: ImportRunOptions,
): Promise<ImportReport> {
  const fileName = options.fileName ?? basename(path);
  const target = settings.target;
  const customFields = target === 'customers' || target === 'contacts' ? listFields(ws, target === 'customers' ? 'customer' : 'contact') : [];
  const staff = (ws.db.prepare('SELECT name, id FROM employees WHERE deleted = 0').all() as { name: string; id: string }[]).map(
    (e): [string, string] => [e.name, e.id],
  );
  const inspection = await inspectSource(path, target, settings.read, customFields);
  const headerRow = settings.headerRow ?? inspection.headerRow;
  const mapping = settings.mapping ?? inspection.suggested;
  if (target === 'customers' && !Object.values(mapping).includes('name')) {
    throw new KecardError('VALIDATION', 'Map a column to the customer name.', {
      fields: { mapping: 'nameRequired' },
      target,
      missing: [['name']],
      headers: inspection.headers,
    });
  }
  // Without one of these every row would fail alike: say once which columns are missing.
  const missing = target === 'orders' || target === 'products' ? missingFields(target, mapping) : [];
  if (missing.length > 0) {
    throw new KecardError('VALIDATION', `Map a column to each of: ${missing.map((m) => m.join(' or ')).join(', ')}.`, {
      fields: { mapping: 'columnsRequired' },
      target,
      missing,
      headers: inspection.headers,
    });
  }
  const report: ImportReport = {
    fileName,
    target,
    headerRow,
    headers: inspection.headers,
    mapping,
    total: 0,
    valid: 0,
    invalid: 0,
    duplicates: [],
    problems: [],
    flags: [],
    unknownOptions: {},
    preview: [],
    written: null,
    warnings: mappingWarnings(target, inspection.headers, mapping),
    money: null,
    skippedTotals: [],
  };
  const onTotalRow = (row: number) => {
    if (!report.skippedTotals.includes(row)) report.skippedTotals.push(row);
  };
  if (target === 'orders' || target === 'products') {
    return runSalesImport(ws, ctx, path, settings, report, { ...options, fileName, headerRow, mapping, dryRun: options.dryRun });
  }
  if (target === 'receipts') return runReceiptsImport(ws, ctx, path, settings, report, { ...options, fileName, headerRow, mapping, onTotalRow });
  if (target === 'records') return runRecordsImport(ws, ctx, path, settings, report, { ...options, fileName, headerRow, mapping, onTotalRow });
  const bytes = inspection.info.bytes;
  const deferSearch = !options.dryRun && target === 'customers' && bytes >= (options.deferSearchFromBytes ?? DEFER_SEARCH_FROM_BYTES);
  const prepareContext: PrepareContext = {
    path,
    settings,
    headerRow,
    mapping,
    customFields,
    staff,
    stores: storeWords(ws),
    searchDocs: !options.dryRun && !deferSearch,
  };
  const producer = options.producerFile && bytes >= (options.threadedFromBytes ?? THREADED_FROM_BYTES) ? options.producerFile : null;
  const batches = () => (producer ? threadedBatches(producer, prepareContext, { isCancelled: options.isCancelled }) : prepareBatches(prepareContext));
  const phase = options.dryRun ? 'checking' : 'writing';
  const pass = new CustomerImportPass(ws, settings, report, deferSearch);

  // One pass over the file. A dry run only checks; a real run checks and writes as it goes, in
  // ONE transaction: the wizard has shown the check already, and reading (and, for xlsx,
  // unzipping and parsing) the file twice was a third of the time.
  const visitAll = async (tx: WriteTx | null) => {
    let lastReport = 0;
    for await (const batch of batches()) {
      if (options.isCancelled?.()) throw new KecardError('JOB_CANCELLED', 'The import was cancelled; nothing was changed.');
      for (const row of batch.totals) onTotalRow(row);
      for (const row of batch.rows) pass.visit(row, tx);
      if (Date.now() - lastReport > 200) {
        lastReport = Date.now();
        options.onProgress?.(batch.bytesRead, bytes, phase);
      }
    }
    options.onProgress?.(bytes, bytes, phase);
  };

  if (options.dryRun) {
    await visitAll(null);
    return pass.finish();
  }
  await options.beforeWrite?.();
  // The commit would also fold the whole WAL (gigabytes at 1M rows) back into the file before the
  // import could report done; the connection's close, or the next commit on the file, does it.
  const autoCheckpoint = ws.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  ws.db.pragma('wal_autocheckpoint = 0');
  try {
    await runWriteAsync(
      ws,
      ctx,
      async (tx) => {
        // A bulk write touches far more pages than SQLite's default 2 MB cache holds, and spills
        // them to the WAL mid-transaction. At 1M rows: 64 MB 163 s, 256 MB 150 s, 1 GB 153 s (the
        // import is CPU-bound beyond that). Restored afterwards.
        const cacheBefore = ws.db.pragma('cache_size', { simple: true }) as number;
        ws.db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
        try {
          await visitAll(tx);
          pass.finishWrites();
        } finally {
          ws.db.pragma(`cache_size = ${cacheBefore}`);
        }
        // All or nothing: the whole file was checked, so the report counts every bad row.
        refuseInvalid(settings, report);
      },
      { source: `import:${fileName}` },
    );
  } finally {
    ws.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
  }
  report.written = pass.written;
  return pass.finish();
}

/** How a sheet may name each 门店: its code, its name, or both ("NJ01 南京店"), any case. */
function storeWords(ws: Workspace): [string, string][] {
  return storeSites(ws.db).flatMap((s) => [s.code, s.name, `${s.code}${s.name}`].map((w) => [storeWord(w), s.code] as [string, string]));
}
