import { useEffect } from 'react';
import { canNow, useCan } from '../people/session-store';
import { useTranslation } from 'react-i18next';
import { useDataVersion } from '../app/app-store';
import { ColorDot } from '../components/ColorDot';
import { customerValueText, enumLabel, fieldLabel } from '../i18n/labels';
import { SaveConflictDialog } from '../components/SaveConflictDialog';
import { customText } from './custom-values';
import { useCard } from './card-store';
import { isDirty } from './customer-draft';
import { CardTabBody, CardTabsNav, TotalsStrip, useCardLayout } from './LayoutCard';
import './card.css';
import { Icon } from '../components/Icon';
import { DuplicateWarning } from './DuplicateWarning';
import { FavouriteStar } from '../favourites/FavouriteStar';

/** 客户卡片: the open customer beside the list, with its tabs and actions. */
export function CustomerCardPanel() {
  const { t } = useTranslation();
  // A view-only role reads the card: no 保存, 撤销 nor 删除 (main would refuse them), inputs disabled.
  const canWrite = useCan('customers', 'write');
  const s = useCard();
  const version = useDataVersion((v) => v.organisation);
  const { layout, fields } = useCardLayout();

  // Someone (this window, another window, a job) changed data: re-read the card.
  useEffect(() => {
    if (version > 0) void useCard.getState().reload();
  }, [version]);

  // Ctrl+S saves the card.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (canNow('customers', 'write')) void useCard.getState().save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const c = s.card?.customer ?? null;
  const dirty = isDirty(s.draft, s.isNew ? null : c);
  const title = s.isNew ? t('card.newTitle') : (c?.name ?? t('common.loading'));

  return (
    <section className="card-panel" data-testid="customer-card-panel" data-customer-id={s.openId ?? ''}>
      <header className="card-header">
        <div className="card-title-row">
          <ColorDot color={c?.colorLabel ?? null} />
          <h2 className="card-title" data-testid="card-title" title={title}>
            {title}
          </h2>
          {dirty ? <span className="dirty-mark">● {t('card.unsaved')}</span> : null}
          <button type="button" className="icon close-card" title={t('card.close')} data-testid="close-card" onClick={() => void s.close()}>
            ✕
          </button>
        </div>
        {c ? (
          <div className="card-subtitle">
            {c.code ? <span>{c.code}</span> : null}
            {c.customerClass ? <span className={`class-badge class-${c.customerClass}`}>{c.customerClass}</span> : null}
            <span className={`lifecycle lifecycle-${c.lifecycle}`}>{enumLabel(t, 'lifecycle', c.lifecycle)}</span>
            {[c.province, c.city].filter(Boolean).join(' ')}
          </div>
        ) : null}
        <div className="card-actions">
          {canWrite ? (
            <>
              <button type="button" className="primary" data-testid="save-customer" disabled={s.saving} onClick={() => void s.save()}>
                {s.saving ? t('common.saving') : t('card.save')}
              </button>
              <button type="button" data-testid="undo" disabled={s.isNew} title={t('card.undoTitle')} onClick={() => void s.undo()}>
                <Icon name="undo" /> {t('card.undo')}
              </button>
            </>
          ) : (
            <span className="muted" data-testid="card-view-only">
              {t('perm.viewOnly')}
            </span>
          )}
          {s.openId && !s.isNew ? <FavouriteStar id={s.openId} /> : null}
          <span className="toolbar-spacer" />
          {canWrite ? (
            <button type="button" className="danger-outline" data-testid="delete-customer" disabled={s.isNew} onClick={() => void s.remove()}>
              {t('card.delete')}
            </button>
          ) : null}
        </div>
        {s.banner ? (
          <div className="banner banner-error" data-testid="card-error-banner">
            {s.banner}
          </div>
        ) : null}
        {s.isNew ? <DuplicateWarning draft={s.draft} /> : null}
        {c && !s.isNew ? <TotalsStrip customerId={c.id} /> : null}
        <CardTabsNav layout={layout} active={layout.tabs.some((x) => x.key === s.tab) ? s.tab : (layout.tabs[0]?.key ?? '')} onSelect={s.setTab} />
      </header>
      <div className="card-body">
        {s.loading ? <div className="muted pad">{t('common.loading')}</div> : null}
        {!s.loading ? <CardTabBody layout={layout} fields={fields} active={s.tab} /> : null}
      </div>
      {s.conflicts.length > 0 ? (
        <SaveConflictDialog
          conflicts={s.conflicts}
          labelOf={(field) => {
            const custom = field.startsWith('custom.') ? fields.find((f) => `custom.${f.columnName}` === field) : undefined;
            return custom ? custom.label : fieldLabel(t, 'customer', field);
          }}
          textOf={(field, value) => {
            const custom = field.startsWith('custom.') ? fields.find((f) => `custom.${f.columnName}` === field) : undefined;
            return custom ? customText(t, custom, value) : customerValueText(t, field, value);
          }}
          onResolve={(choices) => void s.resolveConflicts(choices)}
          onCancel={s.dismissConflicts}
        />
      ) : null}
    </section>
  );
}
