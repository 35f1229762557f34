import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The content of a workspace without what is random or time-dependent (ids, site, timestamps), with
 * references resolved to names, ordered by customer code: two workspaces built from the same seed
 * must give equal snapshots.
 */
export function demoSnapshot(db: Database.Database): unknown {
  const customers = db
    .prepare(
      `SELECT c.code, c.name, c.sort_key, c.short_name, c.kind, c.industry, c.province, c.city, c.district, c.address, c.phones,
              c.email, c.website, c.source, e.name AS owner, c.class, c.lifecycle, c.relationship_level, c.color_label, c.tags, c.notes
       FROM customers c LEFT JOIN employees e ON e.id = c.owner_id ORDER BY c.code`,
    )
    .all();
  const departments = db
    .prepare(
      `SELECT c.code, d.name, p.name AS parent, d.sort_order FROM departments d JOIN customers c ON c.id = d.customer_id
       LEFT JOIN departments p ON p.id = d.parent_id ORDER BY c.code, d.rowid`,
    )
    .all();
  const contacts = db
    .prepare(
      `SELECT c.code, ct.name, d.name AS department, ct.title, ct.mobile, ct.phone, ct.email, ct.birthday, ct.notes
       FROM contacts ct JOIN customers c ON c.id = ct.customer_id LEFT JOIN departments d ON d.id = ct.department_id ORDER BY c.code, ct.rowid`,
    )
    .all();
  const employees = db.prepare('SELECT name, title, mobile, email, active FROM employees ORDER BY rowid').all();
  return { customers, departments, contacts, employees };
}
