import { formatPhone } from '../../src-shared/validation/phone-form';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../src-shared/domain/customer';
import { useCard } from '../card/card-store';
import { ColorDot } from '../components/ColorDot';
import { enumLabel } from '../i18n/labels';
import type { CustomerPages } from './use-customer-pages';

const CARD_ROW_HEIGHT = 118;
const CARD_MIN_WIDTH = 250;
/** Chromium cannot lay out an element much taller than 33.5M px; stay well below it. */
const MAX_SCROLL_PX = 30_000_000;

/** The card view: the same rows as the list, as a grid of cards, virtualised by grid row. */
export function CustomerGrid({ pages }: { pages: CustomerPages }) {
  const { t } = useTranslation();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);
  const openId = useCard((s) => s.openId);
  const open = useCard((s) => s.open);
  const total = pages.total ?? 0;

  useEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  // Enough columns that the grid stays within the browser's layout limit even at a million rows.
  const cols = Math.max(1, Math.floor((width - 16) / CARD_MIN_WIDTH), Math.ceil((total * CARD_ROW_HEIGHT) / MAX_SCROLL_PX));
  const rowCount = Math.ceil(total / cols);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => CARD_ROW_HEIGHT,
    overscan: 3,
  });
  const items = virtualizer.getVirtualItems();
  const offset = virtualizer.scrollOffset ?? 0;
  const viewport = virtualizer.scrollRect?.height ?? 0;
  const first = (items[0]?.index ?? 0) * cols;
  const last = ((items[items.length - 1]?.index ?? 0) + 1) * cols;
  const { ensure } = pages;
  useEffect(() => {
    ensure(first, Math.min(last, total));
  }, [first, last, total, ensure]);

  return (
    <div className="grid-body" ref={bodyRef} data-testid="customer-cards">
      {pages.total === 0 ? <div className="list-empty">{t('list.empty')}</div> : null}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        <div className="virtual-window" style={{ height: viewport }}>
          {items.map((item) => (
            <div
              key={item.key}
              className="grid-row"
              style={{ height: CARD_ROW_HEIGHT, top: item.start - offset, gridTemplateColumns: `repeat(${cols}, 1fr)` }}
            >
              {Array.from({ length: cols }, (_, i) => {
                const index = item.index * cols + i;
                if (index >= total) return <div key={i} />;
                const c = pages.row(index);
                return c ? (
                  <CustomerTile key={c.id} c={c} selected={c.id === openId} onOpen={() => void open(c.id)} />
                ) : (
                  <div key={`p${index}`} className="customer-tile placeholder" data-testid="customer-card-loading">
                    <span className="skeleton wide" />
                    <span className="skeleton" />
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

function CustomerTile({ c, selected, onOpen }: { c: Customer; selected: boolean; onOpen(): void }) {
  const { t } = useTranslation();
  const region = [c.province, c.city, c.district].filter(Boolean).join(' ');
  return (
    <div className={`customer-tile${selected ? ' selected' : ''}`} data-testid="customer-card" data-id={c.id} onClick={onOpen}>
      <div className="tile-head">
        <ColorDot color={c.colorLabel} title={enumLabel(t, 'colorLabel', c.colorLabel)} />
        <span className="tile-name" title={c.name}>
          {c.name}
        </span>
        {c.customerClass ? <span className={`class-badge class-${c.customerClass}`}>{c.customerClass}</span> : null}
      </div>
      <div className="tile-line muted">
        {c.code ? <span>{c.code}</span> : null}
        {c.industry ? <span>{c.industry}</span> : null}
        {region ? <span>{region}</span> : null}
      </div>
      <div className="tile-line">
        <span className={`lifecycle lifecycle-${c.lifecycle}`}>{enumLabel(t, 'lifecycle', c.lifecycle)}</span>
        {c.relationshipLevel ? <span className="muted">{enumLabel(t, 'relationshipLevel', c.relationshipLevel)}</span> : null}
        {c.ownerName ? <span className="muted">{c.ownerName}</span> : null}
      </div>
      <div className="tile-line muted">
        {c.phones[0] ? <span>☎ {formatPhone(c.phones[0])}</span> : null}
        {c.tags.slice(0, 3).map((tag) => (
          <span key={tag} className="tag-chip small">
            {tag}
          </span>
        ))}
      </div>
    </div>
  );
}
