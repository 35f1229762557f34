import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PossibleDuplicate } from '../../src-shared/contract/methods';
import { api } from '../api/client';
import { useCard } from './card-store';
import type { Draft } from './customer-draft';

const DEBOUNCE_MS = 350;

/**
 * While a new customer is typed: "可能重复" with a link to each existing customer that has the same
 * name (folded), phone, code or credit code. A warning, not a wall: the user may still save.
 */
export function DuplicateWarning({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const open = useCard((s) => s.open);
  const [found, setFound] = useState<{ key: string; list: PossibleDuplicate[] }>({ key: '', list: [] });
  const phones = [...draft.phones, draft.phonesInput].map((p) => p.trim()).filter((p) => p !== '');
  const custom: Record<string, unknown> = {};
  for (const [column, edit] of Object.entries(draft.custom)) if (typeof edit.send === 'string') custom[column] = edit.send;
  const probe = { name: draft.name.trim(), phones: phones.slice(0, 10), code: draft.code.trim(), custom };
  const key = JSON.stringify(probe);
  const empty = probe.name === '' && probe.phones.length === 0 && probe.code === '' && Object.keys(custom).length === 0;

  // Not useData: a check as the user types (debounced), not data to keep current.
  useEffect(() => {
    if (empty) return;
    let live = true;
    const timer = window.setTimeout(() => {
      const input = JSON.parse(key) as typeof probe;
      api.customers
        .possibleDuplicates({
          ...(input.name ? { name: input.name.slice(0, 200) } : {}),
          ...(input.phones.length > 0 ? { phones: input.phones.map((p) => p.slice(0, 40)) } : {}),
          ...(input.code ? { code: input.code.slice(0, 64) } : {}),
          ...(Object.keys(input.custom).length > 0 ? { custom: input.custom } : {}),
        })
        .then((list) => {
          if (live) setFound({ key, list });
        })
        // A failed check must not stand between the user and saving: it simply shows nothing.
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, empty]);

  const list = !empty && found.key === key ? found.list : [];
  if (list.length === 0) return null;
  return (
    <div className="banner banner-warning" data-testid="duplicate-warning">
      <strong>{t('duplicates.title')}</strong>
      <ul>
        {list.map((d, i) =>
          d.elsewhere ? (
            <li key={`elsewhere-${i}`} data-testid="duplicate-elsewhere">
              {t('duplicates.elsewhere')}
              <span className="muted"> · {t(`duplicates.by.${d.matchedBy}`)}</span>
            </li>
          ) : (
            <li key={d.id}>
              <button type="button" className="link" data-testid="duplicate-link" data-id={d.id} onClick={() => void open(d.id)}>
                {d.name}
                {d.code ? `（${d.code}）` : ''}
              </button>
              <span className="muted"> · {t(`duplicates.by.${d.matchedBy}`)}</span>
            </li>
          ),
        )}
      </ul>
      <span className="muted">{t('duplicates.hint')}</span>
    </div>
  );
}
