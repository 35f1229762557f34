import { DndContext, DragOverlay, type UniqueIdentifier } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LAYOUT_ENTITIES,
  RELATED_LISTS,
  type CardLayout,
  type LayoutEntity,
  type LayoutTab,
  type RelatedList,
} from '../../src-shared/domain/card-layout';
import { CUSTOMER_FIELDS } from '../../src-shared/domain/customer';
import { CONTACT_FIELDS } from '../../src-shared/domain/organisation';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useBusinessTypes, useCustomFields, useLayout } from '../card/use-meta';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { relatedColumnChoices } from '../sales/related-columns';
import { CardPreview } from './CardPreview';
import { resetCustomerLayout } from '../business/type-layout';
import { ColumnsPicker } from './ColumnsPicker';
import { ContactPreview } from './ContactPreview';
import { dndId, keyOf, kindOf, useLayoutDnd } from './layout-dnd';
import { mapSection, mapTab, moveFieldTo, moveItem, newRelatedTab, placedFields, uniqueKey } from './layout-ops';
import { LayoutSectionEditor } from './LayoutSectionEditor';
import { LayoutTabsList } from './LayoutTabsList';
import { UnplacedFields } from './UnplacedFields';

const BUILT_IN: Record<LayoutEntity, readonly string[]> = { customer: CUSTOMER_FIELDS, contact: CONTACT_FIELDS };
/** The one field each form cannot do without. */
const REQUIRED = new Set(['name']);

/** 卡片布局: the customer card's or the contact form's tabs, sections, fields and related lists, with a live preview. */
export function LayoutEditor() {
  const [entity, setEntity] = useState<LayoutEntity>('customer');
  // A fresh editor per entity: the loaded layout, the draft and the selection belong to one entity.
  return <EntityLayoutEditor key={entity} entity={entity} onEntity={setEntity} />;
}

function EntityLayoutEditor({ entity, onEntity }: { entity: LayoutEntity; onEntity(e: LayoutEntity): void }) {
  const { t } = useTranslation();
  const loaded = useLayout(entity);
  const fields = useCustomFields(entity).data ?? [];
  const allTypes = useBusinessTypes().data ?? [];
  // Contacts have no related lists: their layout is the fields of a form.
  const types = entity === 'customer' ? allTypes : [];
  const [draft, setDraft] = useState<CardLayout | null>(null);
  const [selected, setSelected] = useState('basic');
  const [newKind, setNewKind] = useState('');
  const layout = draft ?? loaded.data?.layout ?? null;
  const tab = layout ? (layout.tabs.find((x) => x.key === selected) ?? layout.tabs[0]) : undefined;
  const edit = (next: CardLayout) => setDraft(next);
  const labelOf = (key: string) => fields.find((f) => f.columnName === key)?.label ?? t(`${entity}.${key}`, { defaultValue: key });
  const dnd = useLayoutDnd({
    layout: layout ?? { tabs: [] },
    tab,
    edit,
    required: REQUIRED,
    labelOf: (id: UniqueIdentifier) => dragLabel(id),
    announce: {
      picked: (label) => t('cards.layout.dnd.picked', { label }),
      over: (label, target) => t('cards.layout.dnd.over', { label, target }),
      dropped: (label) => t('cards.layout.dnd.dropped', { label }),
      cancelled: (label) => t('cards.layout.dnd.cancelled', { label }),
    },
  });
  if (!layout) return <div className="muted pad">{t('common.loading')}</div>;
  const placed = placedFields(layout);
  const unplaced = [...BUILT_IN[entity], ...fields.map((f) => f.columnName)].filter((k) => !placed.has(k));
  const allSections = layout.tabs.flatMap((tb) => tb.sections.map((s) => ({ tab: tb, section: s })));

  function dragLabel(id: UniqueIdentifier): string {
    const key = keyOf(id);
    const kind = kindOf(id);
    if (kind === 'tab') return layout?.tabs.find((x) => x.key === key)?.label ?? key;
    if (kind === 'section' || kind === 'zone') return tab?.sections.find((s) => s.key === key)?.label ?? t('cards.layout.unplaced');
    return labelOf(key);
  }

  const switchEntity = async (next: LayoutEntity) => {
    if (draft && !(await confirmAsk(t('cards.layout.confirmDiscard')))) return;
    onEntity(next);
  };
  const save = async () => {
    try {
      await api.layouts.save({ entity, layout });
      setDraft(null);
      toast.success(t('cards.layout.saved'));
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const reset = async () => {
    if (!(await confirmAsk(t('cards.layout.confirmReset'), true))) return;
    try {
      if (entity === 'customer') await resetCustomerLayout();
      else await api.layouts.reset({ entity });
      setDraft(null);
      loaded.reload();
      toast.success(t('cards.layout.wasReset'));
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const addTab = (value: string) => {
    if (value === 'fields') {
      const key = uniqueKey(
        layout.tabs.map((x) => x.key),
        'tab',
      );
      const next: LayoutTab = {
        key,
        label: t('cards.layout.newTab'),
        sections: [{ key: 'main', label: t('cards.layout.newSection'), columns: 2, fields: [] }],
      };
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
    <DndContext {...dnd.context}>
      <div className="layout-editor" data-testid="layout-editor" data-entity={entity}>
        <div className="layout-edit-pane">
          <div className="toolbar">
            <select
              value={entity}
              data-testid="le-entity"
              aria-label={t('cards.layout.entity')}
              onChange={(e) => void switchEntity(e.target.value as LayoutEntity)}
            >
              {LAYOUT_ENTITIES.map((x) => (
                <option key={x} value={x}>
                  {t(`cards.layout.entities.${x}`)}
                </option>
              ))}
            </select>
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
            {draft ? (
              <span className="dirty-mark" data-testid="le-dirty">
                ● {t('card.unsaved')}
              </span>
            ) : null}
          </div>
          <p className="muted le-hint">{t('cards.layout.dragHint')}</p>
          <h4>{t('cards.layout.tabs')}</h4>
          <LayoutTabsList layout={layout} selected={tab?.key} onSelect={setSelected} edit={edit} />
          <select value={newKind} data-testid="le-add-tab" onChange={(e) => addTab(e.target.value)}>
            <option value="">{t('cards.layout.addTab')}</option>
            <option value="fields">{t('cards.layout.fieldsTab')}</option>
            {entity === 'customer'
              ? RELATED_LISTS.filter((k) => k !== 'records' && !layout.tabs.some((x) => x.related?.kind === k)).map((k) => (
                  <option key={k} value={k}>
                    {t(`cards.related.${k}`)}
                  </option>
                ))
              : null}
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
                    choices={relatedColumnChoices(
                      t,
                      tab.related.kind,
                      types.find((x) => x.id === tab.related?.businessTypeId),
                    )}
                    value={tab.related.columns}
                    onChange={(columns) => edit(mapTab(layout, tab.key, (x) => (x.related ? { ...x, related: { ...x.related, columns } } : x)))}
                    testId="le-related-columns"
                  />
                </>
              ) : null}
              {!tab.related || tab.sections.length > 0 ? (
                <>
                  <h4>{t('cards.layout.sections')}</h4>
                  <SortableContext items={tab.sections.map((s) => dndId('section', s.key))} strategy={verticalListSortingStrategy}>
                    {tab.sections.map((s, i) => (
                      <LayoutSectionEditor
                        key={s.key}
                        section={s}
                        index={i}
                        count={tab.sections.length}
                        labelOf={labelOf}
                        unplaced={unplaced}
                        required={REQUIRED}
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
                  </SortableContext>
                  <button
                    type="button"
                    data-testid="le-add-section"
                    onClick={() =>
                      edit(
                        mapTab(layout, tab.key, (x) => ({
                          ...x,
                          sections: [
                            ...x.sections,
                            {
                              key: uniqueKey(
                                x.sections.map((y) => y.key),
                                'section',
                              ),
                              label: t('cards.layout.newSection'),
                              columns: 2,
                              fields: [],
                            },
                          ],
                        })),
                      )
                    }
                  >
                    ＋ {t('cards.layout.addSection')}
                  </button>
                  <UnplacedFields fields={unplaced} labelOf={labelOf} />
                </>
              ) : null}
            </div>
          ) : null}
        </div>
        {entity === 'customer' ? (
          <CardPreview layout={layout} fields={fields} active={tab?.key ?? ''} onSelect={setSelected} />
        ) : (
          <ContactPreview layout={layout} active={tab?.key ?? ''} onSelect={setSelected} />
        )}
      </div>
      <DragOverlay>{dnd.active !== null ? <div className="drag-chip">⠿ {dragLabel(dnd.active)}</div> : null}</DragOverlay>
    </DndContext>
  );
}
