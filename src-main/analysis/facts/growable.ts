type Typed = Int32Array | Float64Array | Uint8Array;

/**
 * A typed array that grows when full: the fact columns grow by appends between rebuilds. By an
 * eighth, not double: a 10M-order column doubled would hold 10M empty slots per column.
 */
export function ensureCapacity<T extends Typed>(column: T, needed: number): T {
  if (needed <= column.length) return column;
  const size = Math.max(needed, column.length + (column.length >> 3) + 16);
  const next = new (column.constructor as new (n: number) => T)(size);
  next.set(column);
  return next;
}

/** Small sets of repeated strings (class, province, owner) as integer codes; code 0 is null. */
export class Dictionary {
  readonly values: (string | null)[] = [null];
  private readonly codes = new Map<string, number>();

  code(value: string | null): number {
    if (value === null) return 0;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }

  /** The code of a value already seen, or -1: a filter on a value no row has matches nothing. */
  find(value: string | null): number {
    return value === null ? 0 : (this.codes.get(value) ?? -1);
  }
}
