import type { ConditionNode, GroupNode, QueryNode, RelatedNode } from '../../src-shared/query/query-tree';

// Immutable edits of a query tree by path. A path is the list of child indexes from the root
// group; below a related condition the next index points into its own sub-group (`where`), the
// same convention main uses for the `path` of a query problem ("1.0").

export type Path = readonly number[];

export function pathKey(path: Path): string {
  return path.join('.');
}

/** The group whose children a path's last index refers to. */
function childrenOf(node: QueryNode): QueryNode[] | null {
  if (node.kind === 'group') return node.children;
  if (node.kind === 'related') return node.where?.children ?? [];
  return null;
}

function withChildren(node: QueryNode, children: QueryNode[]): QueryNode {
  if (node.kind === 'group') return { ...node, children };
  if (node.kind === 'related') return { ...node, where: { kind: 'group', op: node.where?.op ?? 'and', children } };
  return node;
}

/** Replaces (or with null, removes) the node at `path`; the root itself is never removed. */
export function replaceAt(root: GroupNode, path: Path, next: QueryNode | null): GroupNode {
  if (path.length === 0) return next && next.kind === 'group' ? next : root;
  const walk = (node: QueryNode, rest: Path): QueryNode => {
    const kids = childrenOf(node);
    const [i, ...tail] = rest;
    if (!kids || i === undefined || i >= kids.length) return node;
    const child = kids[i] as QueryNode;
    if (tail.length === 0) {
      const copy = kids.slice();
      if (next) copy[i] = next;
      else copy.splice(i, 1);
      return withChildren(node, copy);
    }
    const copy = kids.slice();
    copy[i] = walk(child, tail);
    return withChildren(node, copy);
  };
  return walk(root, path) as GroupNode;
}

/** Appends a child to the group (or related condition's sub-group) at `path`. */
export function appendAt(root: GroupNode, path: Path, child: QueryNode): GroupNode {
  const target = nodeAt(root, path);
  if (!target) return root;
  const kids = childrenOf(target);
  if (!kids) return root;
  const updated = withChildren(target, [...kids, child]);
  return path.length === 0 ? (updated as GroupNode) : replaceAt(root, path, updated);
}

export function nodeAt(root: GroupNode, path: Path): QueryNode | null {
  let node: QueryNode = root;
  for (const i of path) {
    const kids = childrenOf(node);
    const next = kids?.[i];
    if (!next) return null;
    node = next;
  }
  return node;
}

/** Conditions in the tree (for counting what is still to fill in). */
export function countConditions(group: GroupNode): number {
  return group.children.reduce(
    (n, c) => n + (c.kind === 'condition' ? 1 : c.kind === 'group' ? countConditions(c) : 1 + (c.where ? countConditions(c.where) : 0)),
    0,
  );
}

export function newGroup(op: 'and' | 'or' = 'and'): GroupNode {
  return { kind: 'group', op, children: [] };
}

export function newRelated(relation: string): RelatedNode {
  return { kind: 'related', relation, mode: 'has', where: newGroup() };
}

export function newCondition(field: string, operator: ConditionNode['operator']): ConditionNode {
  return { kind: 'condition', field, operator };
}
