/** A count that lists its customers when clicked (nothing to list at zero). */
export function DrillCount({ n, testId, data, onClick }: { n: number; testId: string; data?: Record<string, string>; onClick(): void }) {
  if (n === 0) return <span className="muted">0</span>;
  return (
    <button type="button" className="link" data-testid={testId} data-count={n} {...data} onClick={onClick}>
      {n}
    </button>
  );
}
