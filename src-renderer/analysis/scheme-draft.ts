import { schemeDefinition, type SchemeDefinition } from '../../src-shared/analysis/scheme';

export interface SchemeDraft {
  id: string | null;
  name: string;
  setsCustomerClass: boolean;
  definition: SchemeDefinition;
}

export const CLASS_COLORS = ['#c42b1c', '#e8912d', '#0f6cbd', '#6b7280', '#107c10', '#8764b8'];

/** ABCD by contribution share: A up to 50%, B 80%, C 95%, D the rest. */
export function newDraft(name: string): SchemeDraft {
  return {
    id: null,
    name,
    setsCustomerClass: false,
    definition: {
      classes: [
        { key: 'A', label: 'A 类', color: CLASS_COLORS[0] },
        { key: 'B', label: 'B 类', color: CLASS_COLORS[1] },
        { key: 'C', label: 'C 类', color: CLASS_COLORS[2] },
        { key: 'D', label: 'D 类', color: CLASS_COLORS[3] },
      ],
      windowDays: 365,
      method: { kind: 'contribution', metric: 'revenue', cuts: [0.5, 0.8, 0.95, 1] },
    },
  };
}

/** Metrics measured in fen: the editor shows them in yuan. */
export const MONEY_METRICS = new Set(['revenue', 'profit', 'outstanding']);

/** Cuts for n classes, keeping the ones there are and ending at 1. */
export function resizeCuts(cuts: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i === n - 1 ? 1 : Math.min(1, cuts[i] ?? (i + 1) / n));
  return out;
}

/** Switching method: contribution keeps one cut per class; rules start with one rule per class but the last. */
export function switchMethod(def: SchemeDefinition, kind: 'rules' | 'contribution'): SchemeDefinition {
  if (def.method.kind === kind) return def;
  if (kind === 'contribution') return { ...def, method: { kind, metric: 'revenue', cuts: resizeCuts([], def.classes.length) } };
  const rules = def.classes.slice(0, -1).map((c, i) => ({
    classKey: c.key,
    all: [{ metric: 'revenue' as const, op: 'gte' as const, value: 100_000 * 100 * (def.classes.length - 1 - i) }],
  }));
  return { ...def, method: { kind, rules } };
}

export type Problem = 'classes' | 'cuts' | 'rules';

/** What is wrong with the definition, before main is asked (main validates again). */
export function problemOf(def: SchemeDefinition): Problem | null {
  const keys = def.classes.map((c) => c.key.trim());
  if (
    def.classes.length < 3 ||
    def.classes.length > 6 ||
    keys.some((k) => !k) ||
    def.classes.some((c) => !c.label.trim()) ||
    new Set(keys).size !== keys.length
  )
    return 'classes';
  const parsed = schemeDefinition.safeParse(def);
  if (parsed.success) return null;
  const path = parsed.error.issues[0]?.path.join('.') ?? '';
  if (path.startsWith('method.cuts')) return 'cuts';
  if (path.startsWith('method')) return 'rules';
  return 'classes';
}
