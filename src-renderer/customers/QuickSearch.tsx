import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../src-shared/contract/methods';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useApp } from '../app/app-store';
import { useCard } from '../card/card-store';
import { registerSearchInput } from './search-focus';
import { useListSearch } from './list-search-store';
import { Icon } from '../components/Icon';
import { clearRecentSearches, recentSearches, rememberSearch } from '../queries/recent-searches';
import { RecentSearches } from '../queries/RecentSearches';

const DEBOUNCE_MS = 120;

/** 快速查询: hits as you type (Chinese substring, pinyin, initials, codes, phones, contacts). */
export function QuickSearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  /** The query the shown hits answer; Enter on a newer query searches first, then opens. */
  const [hitsFor, setHitsFor] = useState('');
  const [took, setTook] = useState(0);
  /** How many customers match in all (capped), asked for after the hits so they show at once. */
  const [count, setCount] = useState<{ count: number; capped: boolean } | null>(null);
  const showAllInList = useListSearch((s) => s.showAll);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const openCard = useCard((s) => s.open);
  const setScreen = useApp((s) => s.setScreen);
  const listRef = useRef<HTMLDivElement>(null);
  const [recent, setRecent] = useState<string[]>(recentSearches);

  // Not useData: a search as the user types (debounced, two chained reads), not data to keep current.
  useEffect(() => {
    const query = q.trim();
    const mine = ++seq.current;
    if (query === '') return;
    const timer = window.setTimeout(() => {
      api.customers
        .search({ q: query.slice(0, 100), limit: 20 })
        .then((res) => {
          if (seq.current !== mine) return;
          setHits(res.hits);
          setHitsFor(query);
          setTook(res.tookMs);
          setActive(0);
          setError(null);
          setOpen(true);
          setCount(null);
          return api.customers.searchCount({ q: query.slice(0, 100) }).then((c) => {
            if (seq.current === mine) setCount(c);
          });
        })
        .catch((err: unknown) => {
          if (seq.current === mine) setError(errorText(t, err));
        });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [q, t]);

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setRecent(rememberSearch(q));
    setOpen(false);
    setScreen('customers');
    void openCard(hit.id);
  };

  /** 查看全部: the customer list, filtered by the search, every match in the list's order. */
  const showAll = () => {
    const query = q.trim();
    if (query === '') return;
    setRecent(rememberSearch(q));
    setOpen(false);
    setScreen('customers');
    showAllInList(query.slice(0, 100));
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const query = q.trim();
      if (query === '') return;
      if (hitsFor === query) choose(hits[active] ?? hits[0]);
      else {
        const mine = ++seq.current;
        api.customers
          .search({ q: query.slice(0, 100), limit: 20 })
          .then((res) => {
            if (seq.current === mine) choose(res.hits[0]);
          })
          .catch((err: unknown) => setError(errorText(t, err)));
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open) setOpen(false);
      else {
        setQ('');
        e.currentTarget.blur();
      }
    }
  };

  // An empty box shows nothing, whatever the last answer was.
  const showDropdown = open && q.trim() !== '';
  const showRecent = open && q.trim() === '' && recent.length > 0;
  return (
    <div className="quick-search">
      <span className="search-icon">
        <Icon name="search" />
      </span>
      <input
        ref={registerSearchInput}
        type="search"
        value={q}
        placeholder={t('toolbar.searchPlaceholder')}
        data-testid="quick-search"
        aria-label={t('menu.quickSearch')}
        aria-expanded={showDropdown}
        spellCheck={false}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
      />
      {showRecent ? (
        <RecentSearches
          items={recent}
          onPick={setQ}
          onClear={() => {
            clearRecentSearches();
            setRecent([]);
          }}
        />
      ) : null}
      {showDropdown ? (
        <div className="search-dropdown" data-testid="search-results" ref={listRef}>
          {error ? <div className="search-empty error-text">{error}</div> : null}
          {!error && hits.length === 0 ? (
            <div className="search-empty" data-testid="search-empty">
              {t('search.noHits')}
            </div>
          ) : null}
          {hits.map((hit, i) => (
            <div
              key={hit.id}
              className={`search-hit${i === active ? ' active' : ''}`}
              data-testid="search-hit"
              data-id={hit.id}
              data-index={i}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(hit)}
            >
              <div className="hit-main">
                <span className="hit-name">{hit.name}</span>
                {hit.shortName ? <span className="hit-short">（{hit.shortName}）</span> : null}
                {hit.customerClass ? <span className={`class-badge class-${hit.customerClass}`}>{hit.customerClass}</span> : null}
              </div>
              <div className="hit-sub">
                {hit.code ? <span className="hit-code">{hit.code}</span> : null}
                {hit.city ? <span>{hit.city}</span> : null}
                {hit.matchedContact ? <span className="hit-contact">{t('search.contact', { name: hit.matchedContact })}</span> : null}
              </div>
            </div>
          ))}
          {hits.length > 0 ? (
            <div className="search-footer">
              <span data-testid="search-count" data-count={count?.count} data-capped={count?.capped}>
                {count
                  ? t(count.capped ? 'ux.search.countCapped' : 'ux.search.count', { n: count.count.toLocaleString() })
                  : t('search.footer', { count: hits.length, ms: took.toFixed(1) })}
              </span>
              <button type="button" className="link-button" data-testid="search-show-all" onMouseDown={(e) => e.preventDefault()} onClick={showAll}>
                {t('ux.search.showAll')}
              </button>
              <span className="search-hint">{t('search.hint')}</span>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
