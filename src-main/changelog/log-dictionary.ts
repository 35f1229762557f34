import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The numbers the change log stores for names (entities, fields, sources) and users, cached per
 * connection. A number handed out inside a transaction that then rolls back was never written,
 * so it stays pending until `commit()`; `rollbackTo()` forgets it.
 */
export class LogDictionary {
  private readonly names = new Map<string, number>();
  private readonly users = new Map<string, number>();
  private readonly pending: { map: Map<string, number>; key: string }[] = [];
  private readonly findName;
  private readonly addName;
  private readonly findUser;
  private readonly addUser;

  constructor(db: Database.Database) {
    this.findName = db.prepare('SELECT n FROM log_names WHERE name = ?').pluck();
    this.addName = db.prepare('INSERT INTO log_names (name) VALUES (?)');
    this.findUser = db.prepare('SELECT n FROM log_users WHERE user_id = ? AND user_name = ?').pluck();
    this.addUser = db.prepare('INSERT INTO log_users (user_id, user_name) VALUES (?, ?)');
  }

  /** Inside a write transaction: the name's number, added if new. */
  name(name: string): number {
    return this.lookup(
      this.names,
      name,
      () => this.findName.get(name) as number | undefined,
      () => Number(this.addName.run(name).lastInsertRowid),
    );
  }

  user(userId: string, userName: string): number {
    const key = `${userId}\u0000${userName}`;
    return this.lookup(
      this.users,
      key,
      () => this.findUser.get(userId, userName) as number | undefined,
      () => Number(this.addUser.run(userId, userName).lastInsertRowid),
    );
  }

  commit(): void {
    this.pending.length = 0;
  }

  /** Where the pending list stands, for a savepoint that may roll back alone. */
  mark(): number {
    return this.pending.length;
  }

  rollbackTo(mark: number): void {
    for (const { map, key } of this.pending.splice(mark)) map.delete(key);
  }

  private lookup(map: Map<string, number>, key: string, find: () => number | undefined, add: () => number): number {
    const cached = map.get(key);
    if (cached !== undefined) return cached;
    const found = find();
    const n = found ?? add();
    map.set(key, n);
    // Found inside this transaction may also be uncommitted (added by an enclosing savepoint).
    this.pending.push({ map, key });
    return n;
  }
}
