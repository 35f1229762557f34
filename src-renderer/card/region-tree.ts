import type { RegionNode } from '../../src-shared/domain/region';
import { api } from '../api/client';
import { useData } from '../api/use-data';

// The division list (GB/T 2260) lives in main; the renderer asks for it once and keeps it. It
// does not depend on the workspace, so one copy serves every card.
let tree: Promise<RegionNode[]> | null = null;

function load(): Promise<RegionNode[]> {
  tree ??= api.regions.tree({}).catch((err: unknown) => {
    tree = null;
    throw err;
  });
  return tree;
}

/** The 省 → 市 → 区 tree, or null while it loads (read once: it is not data a workspace changes). */
export function useRegionTree(): readonly RegionNode[] | null {
  return useData(load, [], []).data;
}

/**
 * The division a stored value names among `nodes`: its exact name, or for text written before
 * regions were mapped (广东, 上海) the one name it begins. Main maps it for real on save.
 */
export function regionNamed(nodes: readonly RegionNode[] | undefined, value: string): RegionNode | null {
  if (!nodes || value === '') return null;
  const exact = nodes.find((n) => n.name === value);
  if (exact) return exact;
  const begins = value.length >= 2 ? nodes.filter((n) => n.name.startsWith(value)) : [];
  return begins.length === 1 ? (begins[0] ?? null) : null;
}
