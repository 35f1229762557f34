import { useTranslation } from 'react-i18next';

interface Props {
  items: string[];
  onPick(q: string): void;
  onClear(): void;
}

/** Shown under the empty quick-search box: the last searches, one click to repeat one. */
export function RecentSearches({ items, onPick, onClear }: Props) {
  const { t } = useTranslation();
  return (
    <div className="search-dropdown" data-testid="recent-searches">
      <div className="search-footer">
        <span>{t('recentSearch.title')}</span>
        <button type="button" className="link" data-testid="recent-search-clear" onMouseDown={(e) => e.preventDefault()} onClick={onClear}>
          {t('recentSearch.clear')}
        </button>
      </div>
      {items.map((q, i) => (
        <div
          key={q}
          className="search-hit"
          data-testid="recent-search"
          data-index={i}
          data-q={q}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(q)}
        >
          <div className="hit-main">
            <span className="hit-name">{q}</span>
          </div>
        </div>
      ))}
    </div>
  );
}
