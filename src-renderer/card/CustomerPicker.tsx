import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../src-shared/contract/methods';
import { api } from '../api/client';

interface CustomerPickerProps {
  value: string | null;
  /** Name shown for the current value until the user searches. */
  label: string | null;
  onChange(id: string | null, name: string | null): void;
  testId: string;
}

/** Picks a customer by quick search (name, short name, code, pinyin). */
export function CustomerPicker({ value, label, onChange, testId }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  // Not useData: a search as the user types (debounced per keystroke), not data to keep current.
  useEffect(() => {
    if (q.trim() === '') return;
    let live = true;
    const timer = window.setTimeout(() => {
      api.customers
        .search({ q, limit: 8 })
        .then((r) => {
          if (live) setHits(r.hits);
        })
        .catch(() => undefined);
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [q]);
  return (
    <div className="customer-picker">
      {value ? (
        <span className="picked" data-testid={`${testId}-picked`}>
          {label ?? value}
          <button type="button" className="icon" title={t('common.remove')} onClick={() => onChange(null, null)}>
            ✕
          </button>
        </span>
      ) : (
        <input value={q} placeholder={t('cards.pickCustomer')} data-testid={testId} onChange={(e) => setQ(e.target.value)} />
      )}
      {!value && q.trim() !== '' && hits.length > 0 ? (
        <ul className="picker-hits">
          {hits.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                data-testid={`${testId}-hit`}
                data-id={h.id}
                onClick={() => {
                  onChange(h.id, h.name);
                  setQ('');
                  setHits([]);
                }}
              >
                {h.name}
                {h.city ? <span className="muted"> · {h.city}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
