import type { Department } from '../../src-shared/domain/organisation';

export interface DeptNode {
  dept: Department;
  children: DeptNode[];
  depth: number;
}

/** The department forest in display order; orphans (parent gone) are shown at the top level. */
export function buildTree(departments: Department[]): DeptNode[] {
  const ids = new Set(departments.map((d) => d.id));
  const byParent = new Map<string | null, Department[]>();
  for (const d of departments) {
    const key = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(d);
    byParent.set(key, list);
  }
  const build = (parent: string | null, depth: number, seen: Set<string>): DeptNode[] =>
    (byParent.get(parent) ?? [])
      .slice()
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
      .filter((d) => !seen.has(d.id))
      .map((d) => ({ dept: d, depth, children: build(d.id, depth + 1, new Set([...seen, d.id])) }));
  return build(null, 0, new Set());
}

/** The department and everything below it: not valid as its new parent. */
export function subtreeIds(departments: Department[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of departments) {
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}

/** "总部 / 销售部 / 华南区" for selects. */
export function departmentPath(departments: Department[], id: string | null): string {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const names: string[] = [];
  let cur = id ? byId.get(id) : undefined;
  const seen = new Set<string>();
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    names.unshift(cur.name);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return names.join(' / ');
}
