import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATED_LISTS, type CardLayout, type LayoutTab, type RelatedList } from '../../src-shared/domain/card-layout';
import { CUSTOMER_FIELDS } from '../../src-shared/domain/customer';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useBusinessTypes, useCustomFields, useLayout } from '../card/use-meta';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { relatedColumnChoices } from '../sales/related-columns';
import { CardPreview } from './CardPreview';
import { resetCustomerLayout } from '../business/type-layout';
import { ColumnsPicker } from './ColumnsPicker';
import { mapSection, mapTab, moveFieldTo, moveItem, newRelatedTab, placedFields, uniqueKey } from './layout-ops';
import { LayoutSectionEditor } from './LayoutSectionEditor';

/** 卡片布局: tabs and sections of the customer card, their fields and related lists, with a live preview. */
export function LayoutEditor() {
  const { t } = useTranslation();
  const loaded = useLayout('customer');
  const fields = useCustomFields('customer').data ?? [];
  const types = useBusinessTypes().data ?? [];
  const [draft, setDraft] = useState<CardLayout | null>(null);
  const [selected, setSelected] = useState('basic');
  const [newKind, setNewKind] = useState('');
  const layout = draft ?? loaded.data?.layout ?? null;
  if (!layout) return <div className="muted pad">{t('common.loading')}</div>;
  const tab = layout.tabs.find((x) => x.key === selected) ?? layout.tabs[0];
  const edit = (next: CardLayout) => setDraft(next);
  const labelOf = (key: string) => fields.find((f) => f.columnName === key)?.label ?? t(`customer.${key}`, { defaultValue: key });
  const placed = placedFields(layout);
  const unplaced = [...CUSTOMER_FIELDS, ...fields.map((f) => f.columnName)].filter((k) => !placed.has(k));
  const allSections = layout.tabs.flatMap((tb) => tb.sections.map((s) => ({ tab: tb, section: s })));

  const save = async () => {
    try {
      await api.layouts.save({ entity: 'customer', layout });
      setDraft(null);
      toast.success(t('cards.layout.saved'));
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const reset = async () => {
    if (!(await confirmAsk(t('cards.layout.confirmReset'), true))) return;
    try {
      await resetCustomerLayout();
      setDraft(null);
      toast.success(t('cards.layout.wasReset'));
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const addTab = (value: string) => {
    if (value === 'fields') {
      const key = uniqueKey(layout.tabs.map((x) => x.key), 'tab');
      const next: LayoutTab = { key, label: t('cards.layout.newTab'), sections: [{ key: 'main', label: t('cards.layout.newSection'), columns: 2, fields: [] }] };
      edit({ tabs: [...layout.tabs, next] });
      setSelected(key);
    } else if (value.startsWith('records:')) {
      const bt = types.find((x) => `records:${x.id}` === value);
      if (bt) edit(newRelatedTab(layout, 'records', bt.name, bt.id));
    } else if (value) {
      edit(newRelatedTab(layout, value as RelatedList, t(`cards.related.${value}`)));
    }
    setNewKind('');
  };

  return (
    <div className="layout-editor" data-testid="layout-editor">
      <div className="layout-edit-pane">
        <div className="toolbar">
          <button type="button" className="primary" data-testid="le-save" disabled={!draft} onClick={() => void save()}>
            {t('common.save')}
          </button>
          <button type="button" data-testid="le-discard" disabled={!draft} onClick={() => setDraft(null)}>
            {t('cards.layout.discard')}
          </button>
          <button type="button" data-testid="le-reset" onClick={() => void reset()}>
            {t('common.reset')}
          </button>
          <span className="toolbar-spacer" />
          {draft ? <span className="dirty-mark" data-testid="le-dirty">● {t('card.unsaved')}</span> : null}
        </div>
        <h4>{t('cards.layout.tabs')}</h4>
        <ul className="le-tabs">
          {layout.tabs.map((tb, i) => (
            <li key={tb.key} className={tb.key === tab?.key ? 'on' : ''} data-testid="le-tab" data-key={tb.key} data-label={tb.label}>
              <button type="button" className="link-button" data-testid="le-tab-select" onClick={() => setSelected(tb.key)}>
                {tb.related ? t(`cards.related.${tb.related.kind}`) : t('cards.layout.fieldsTab')}
              </button>
              <input value={tb.label} maxLength={20} data-testid="le-tab-label" onChange={(e) => edit(mapTab(layout, tb.key, (x) => ({ ...x, label: e.target.value })))} />
              <button type="button" className="icon" data-testid="le-tab-up" disabled={i === 0} onClick={() => edit({ tabs: moveItem(layout.tabs, i, -1) })}>
                ↑
              </button>
              <button type="button" className="icon" data-testid="le-tab-down" disabled={i === layout.tabs.length - 1} onClick={() => edit({ tabs: moveItem(layout.tabs, i, 1) })}>
                ↓
              </button>
              <button type="button" className="icon danger-icon" data-testid="le-tab-remove" disabled={layout.tabs.length === 1} onClick={() => edit({ tabs: layout.tabs.filter((x) => x.key !== tb.key) })}>
                ✕
              </button>
            </li>
          ))}
        </ul>
        <select value={newKind} data-testid="le-add-tab" onChange={(e) => addTab(e.target.value)}>
          <option value="">{t('cards.layout.addTab')}</option>
          <option value="fields">{t('cards.layout.fieldsTab')}</option>
          {RELATED_LISTS.filter((k) => k !== 'records' && !layout.tabs.some((x) => x.related?.kind === k)).map((k) => (
            <option key={k} value={k}>
              {t(`cards.related.${k}`)}
            </option>
          ))}
          {types
            .filter((bt) => !layout.tabs.some((x) => x.related?.businessTypeId === bt.id))
            .map((bt) => (
              <option key={bt.id} value={`records:${bt.id}`}>
                {bt.name}
              </option>
            ))}
        </select>
        {tab ? (
          <div className="le-tab-detail" data-testid="le-tab-detail" data-key={tab.key}>
            {tab.related ? (
              <>
                <h4>{t('cards.layout.relatedColumns')}</h4>
                <ColumnsPicker
                  choices={relatedColumnChoices(t, tab.related.kind, types.find((x) => x.id === tab.related?.businessTypeId))}
                  value={tab.related.columns}
                  onChange={(columns) => edit(mapTab(layout, tab.key, (x) => (x.related ? { ...x, related: { ...x.related, columns } } : x)))}
                  testId="le-related-columns"
                />
              </>
            ) : null}
            {!tab.related || tab.sections.length > 0 ? (
              <>
                <h4>{t('cards.layout.sections')}</h4>
                {tab.sections.map((s, i) => (
                  <LayoutSectionEditor
                    key={s.key}
                    section={s}
                    index={i}
                    count={tab.sections.length}
                    labelOf={labelOf}
                    unplaced={unplaced}
                    targets={allSections.map((x) => ({ value: `${x.tab.key}/${x.section.key}`, label: `${x.tab.label} · ${x.section.label}` }))}
                    tabKey={tab.key}
                    onChange={(next) => edit(mapSection(layout, tab.key, s.key, () => next))}
                    onMove={(d) => edit(mapTab(layout, tab.key, (x) => ({ ...x, sections: moveItem(x.sections, i, d) })))}
                    onRemove={() => edit(mapTab(layout, tab.key, (x) => ({ ...x, sections: x.sections.filter((y) => y.key !== s.key) })))}
                    onMoveField={(field, target) => {
                      const [tk, sk] = target.split('/');
                      if (tk && sk) edit(moveFieldTo(layout, field, tk, sk));
                    }}
                  />
                ))}
                <button
                  type="button"
                  data-testid="le-add-section"
                  onClick={() =>
                    edit(
                      mapTab(layout, tab.key, (x) => ({
                        ...x,
                        sections: [...x.sections, { key: uniqueKey(x.sections.map((y) => y.key), 'section'), label: t('cards.layout.newSection'), columns: 2, fields: [] }],
                      })),
                    )
                  }
                >
                  ＋ {t('cards.layout.addSection')}
                </button>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      <CardPreview layout={layout} fields={fields} active={tab?.key ?? ''} onSelect={setSelected} />
    </div>
  );
}
