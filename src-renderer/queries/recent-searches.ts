const KEY = 'kecard.recentSearches';
const MAX = 10;

/** The last ten quick searches that led somewhere, newest first (kept in this browser's localStorage). */
export function recentSearches(): string[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberSearch(q: string): string[] {
  const text = q.trim().slice(0, 100);
  if (!text) return recentSearches();
  const next = [text, ...recentSearches().filter((x) => x !== text)].slice(0, MAX);
  localStorage.setItem(KEY, JSON.stringify(next));
  return next;
}

export function clearRecentSearches(): void {
  localStorage.removeItem(KEY);
}
