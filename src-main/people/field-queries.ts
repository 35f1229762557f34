import type { QueryDefinition, QueryNode } from '../../src-shared/query/query-tree';
import { refusedUses, type RefusedUse } from './field-guard';
import type { FieldView } from './field-view';

// Saved queries shared by someone who sees more (a manager's 高收入客户 on a field hidden from
// staff): for a caller who may not use one of their conditions, the condition keeps its field and
// operator (so the query reads as what it is) but loses its value, and the query carries a
// `fieldHidden` problem at that condition. A query with problems is not run (the builder shows it
// broken; queries.run/count refuse it anyway in field-guard.ts) and gets no pinned count.
// Decision: refused, not dropped — a shared query quietly run without one of its conditions would
// answer a different question under the same name.

/** A saved definition as this caller may see it, and the uses it may not make of it. */
export function presentSavedDefinition(view: FieldView, definition: QueryDefinition): { definition: QueryDefinition; refused: RefusedUse[] } {
  const refused = refusedUses(view, definition);
  if (refused.length === 0) return { definition, refused };
  const copy = structuredClone(definition);
  for (const use of refused) {
    const node = nodeAt(copy.where, use.path);
    if (node?.kind === 'condition') {
      delete node.value;
      delete node.value2;
      delete node.values;
    } else if (node?.kind === 'related') {
      delete node.aggregate;
    }
  }
  return { definition: copy, refused };
}

/** The node at a QueryProblem path: child indexes through groups and related nodes' conditions. */
function nodeAt(root: QueryNode, path: string): QueryNode | undefined {
  if (path === '') return root;
  let node: QueryNode | undefined = root;
  for (const step of path.split('.')) {
    const i = Number(step);
    if (node?.kind === 'group') node = node.children[i];
    else if (node?.kind === 'related') node = node.where?.children[i];
    else return undefined;
  }
  return node;
}
