import { apiErrorOf } from '../../src-shared/errors';
import { openDirectSource, type Cell } from './read-rows';
import { READER_WINDOW, type FileReaderData, type ReaderMessage } from './reader-thread';
import { sniffFile } from './source-format';

// The reader thread's side (file-reader-worker.mjs, started by reader-thread.ts): parses one file
// with the caps of read-limits.ts and posts its rows in batches, never more than READER_WINDOW
// ahead of the thread that asked. Its heap limit and its time limit are set by that thread.

const BATCH_ROWS = 500;
/** A batch is sent early once its cells hold this many characters (rows may be long). */
const BATCH_CHARS = 4_000_000;

/**
 * SheetJS 0.18.5 has a prototype-pollution flaw (CVE-2023-30533) and is not patched on npm. On
 * the thread that runs it the built-in prototypes are frozen first, so a crafted .xls cannot
 * change how objects behave there; the rows leave the thread as plain structured-cloned data.
 *
 * A frozen prototype alone breaks honest files: SheetJS stores a sheet, a defined name or a
 * document property under the name the file gives it, and `sheets['constructor'] = …` on a plain
 * object then throws (the "override mistake": an inherited read-only property cannot be shadowed
 * by assignment). So each writable method or value of these prototypes becomes a getter and a
 * setter: assigning it on any other object makes that object's own property, assigning it on the
 * prototype itself still throws.
 */
export function freezePrototypes(): void {
  for (const ctor of [Object, Array, Function, String, Number, Boolean, Symbol, Date, RegExp, Map, Set, WeakMap, WeakSet, Promise, Error]) {
    allowOverrides(ctor.prototype as object);
    Object.freeze(ctor.prototype);
  }
  Object.freeze(Object);
  Object.freeze(Array);
}

function allowOverrides(proto: object): void {
  for (const key of Reflect.ownKeys(proto)) {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || !('value' in desc) || !desc.writable || !desc.configurable) continue;
    const value: unknown = desc.value;
    Object.defineProperty(proto, key, {
      get: () => value,
      set(this: object, next: unknown) {
        if (this === proto) throw new TypeError(`Cannot change the frozen prototype's ${String(key)}`);
        Object.defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable ?? false,
      configurable: false,
    });
  }
}

export async function runFileReader(data: FileReaderData): Promise<void> {
  let sent = 0;
  let acked = 0;
  let wake: (() => void) | null = null;
  data.port.on('message', () => {
    acked += 1;
    wake?.();
  });
  const post = (m: ReaderMessage) => data.port.postMessage(m);
  try {
    if (sniffFile(data.path).format === 'xls') freezePrototypes();
    const source = openDirectSource(data.path, data.read, data.limits);
    let batch: Cell[][] = [];
    let chars = 0;
    let rows = 0;
    let read = 0;
    const flush = async () => {
      while (sent - acked >= READER_WINDOW) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      post({ type: 'rows', rows: batch, bytesRead: read, info: source.info });
      sent += 1;
      batch = [];
      chars = 0;
    };
    for await (const cells of source.rows((b) => (read = b))) {
      batch.push(cells);
      rows += 1;
      for (const cell of cells) if (typeof cell === 'string') chars += cell.length;
      if (data.maxRows !== null && rows >= data.maxRows) break;
      if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
    }
    if (batch.length > 0) await flush();
    post({ type: 'end', info: source.info });
  } catch (err) {
    post({ type: 'error', error: apiErrorOf(err) });
  }
  // The thread stays until the asking thread closes the port or ends it.
}
