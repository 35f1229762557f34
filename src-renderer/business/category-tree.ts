import type { ExpenseCategory } from '../../src-shared/domain/business';

export interface CategoryNode {
  category: ExpenseCategory;
  depth: number;
  path: string[];
}

/** The category tree flattened depth-first in sort order, for selects and the tree editor. */
export function flattenCategories(all: readonly ExpenseCategory[]): CategoryNode[] {
  const children = new Map<string | null, ExpenseCategory[]>();
  for (const c of all) {
    const list = children.get(c.parentId) ?? [];
    list.push(c);
    children.set(c.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
  const out: CategoryNode[] = [];
  const walk = (parent: string | null, depth: number, path: string[]) => {
    for (const c of children.get(parent) ?? []) {
      const p = [...path, c.name];
      out.push({ category: c, depth, path: p });
      walk(c.id, depth + 1, p);
    }
  };
  walk(null, 0, []);
  return out;
}
