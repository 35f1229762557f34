import { fieldAccessNow } from '../people/session-store';
import i18next from 'i18next';
import { create } from 'zustand';
import type { CustomerCard } from '../../src-shared/contract/methods';
import type { CustomerCreateInput } from '../../src-shared/domain/customer';
import type { FieldErrors } from '../../src-shared/errors';
import { api } from '../api/client';
import { errorText, isCode } from '../api/errors';
import { cardFieldErrors } from './card-errors';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { changedFields, draftFrom, isDirty, type CustomEdit, type Draft } from './customer-draft';
import { describeUndo } from './history-format';
import type { FieldConflict } from '../../src-shared/domain/save-conflict';
import type { ConflictChoice } from '../components/SaveConflictDialog';

/** A tab of the card layout by its key (`basic`, `organisation`, `orders`, `records-<typeId>`, `history` …). */
export type CardTab = string;

interface CardState {
  /** The customer on the card; null with `isNew` for an unsaved new one; both empty: no card. */
  openId: string | null;
  isNew: boolean;
  card: CustomerCard | null;
  loading: boolean;
  tab: CardTab;
  draft: Draft;
  errors: FieldErrors;
  banner: string | null;
  saving: boolean;
  /** Fields the last save left for the user to decide (someone else changed them since the card was read). */
  conflicts: FieldConflict[];
  /** Bumped after every write from the card, so the history tab re-reads. */
  revision: number;
  open(id: string): Promise<void>;
  openNew(): Promise<void>;
  close(): Promise<void>;
  reset(): void;
  reload(): Promise<void>;
  setTab(tab: CardTab): void;
  setField<K extends keyof Draft>(field: K, value: Draft[K]): void;
  setCustom(column: string, edit: CustomEdit): void;
  save(): Promise<void>;
  /** Applies the conflict dialog's choices to the form and saves them as an ordinary change. */
  resolveConflicts(choices: ConflictChoice[]): Promise<void>;
  /** Decide later: the user's values stay in the form, unsaved. */
  dismissConflicts(): void;
  undo(): Promise<void>;
  remove(): Promise<void>;
  confirmLeave(): Promise<boolean>;
  setCard(card: CustomerCard): void;
}

const t = i18next.t.bind(i18next);
/** A customer this window is deleting (or un-creating): its disappearance is expected, not news. */
let expectGone: string | null = null;

const closed = {
  openId: null,
  isNew: false,
  card: null,
  loading: false,
  draft: draftFrom(null),
  errors: {},
  banner: null,
  saving: false,
  conflicts: [] as FieldConflict[],
};

export const useCard = create<CardState>((set, get) => ({
  ...closed,
  tab: 'basic',
  revision: 0,

  async open(id) {
    if (get().openId === id && !get().isNew) return;
    if (!(await get().confirmLeave())) return;
    set({ ...closed, openId: id, loading: true, tab: get().tab });
    try {
      const card = await api.customers.get({ id });
      if (get().openId !== id) return;
      set({ card, loading: false, draft: draftFrom(card.customer) });
    } catch (err) {
      set({ ...closed });
      toast.error(errorText(t, err));
    }
  },

  async openNew() {
    if (!(await get().confirmLeave())) return;
    set({ ...closed, isNew: true, tab: 'basic' });
  },

  async close() {
    if (!(await get().confirmLeave())) return;
    set({ ...closed });
  },

  reset() {
    set({ ...closed, tab: 'basic' });
  },

  async reload() {
    const id = get().openId;
    if (!id || get().isNew) return;
    try {
      const card = await api.customers.get({ id });
      if (get().openId !== id) return;
      // Keep what the user is typing; only a clean form follows the stored values. A form with
      // input keeps the customer (and version) it was based on, so its save reports what changed
      // meanwhile as conflicts instead of overwriting it (issue 20).
      const base = get().card?.customer ?? null;
      const clean = !isDirty(get().draft, base);
      set({
        card: clean || !base ? card : { ...card, customer: base },
        ...(clean ? { draft: draftFrom(card.customer) } : {}),
        revision: get().revision + 1,
      });
    } catch (err) {
      if (isCode(err, 'NOT_FOUND')) {
        if (get().openId !== id) return;
        set({ ...closed });
        if (expectGone !== id) toast.info(t('card.notFound'));
      } else toast.error(errorText(t, err));
    }
  },

  setTab(tab) {
    set({ tab });
  },

  setField(field, value) {
    const errors = { ...get().errors };
    delete errors[field];
    set({ draft: { ...get().draft, [field]: value }, errors });
  },

  setCustom(column, edit) {
    const errors = { ...get().errors };
    delete errors[`custom.${column}`];
    const draft = get().draft;
    set({ draft: { ...draft, custom: { ...draft.custom, [column]: edit } }, errors });
  },

  setCard(card) {
    set({ card, revision: get().revision + 1 });
  },

  async save() {
    const { draft, card, isNew, openId } = get();
    if (get().saving) return;
    const original = isNew ? null : (card?.customer ?? null);
    if (!isNew && !original) return;
    const patch = changedFields(draft, original, (field) => fieldAccessNow(`customer.${field}`) !== 'editable');
    if (!isNew && Object.keys(patch).length === 0) {
      toast.info(t('card.nothingChanged'));
      return;
    }
    set({ saving: true, banner: null });
    try {
      if (isNew) {
        const created = await api.customers.create({ values: patch as CustomerCreateInput });
        const full = await api.customers.get({ id: created.id });
        set({ openId: created.id, isNew: false, card: full, draft: draftFrom(full.customer), errors: {}, saving: false });
        toast.success(t('card.created', { name: created.name }));
      } else if (openId && card) {
        const { conflicts, ...updated } = await api.customers.update({ id: openId, patch, baseVersion: card.customer.version });
        set({
          card: { ...card, customer: updated },
          draft: withConflictedInput(draftFrom(updated), draft, conflicts),
          errors: {},
          saving: false,
          conflicts,
          revision: get().revision + 1,
        });
        if (conflicts.length > 0) toast.info(t('saveConflict.partlySaved', { n: conflicts.length }));
        else toast.success(t('card.saved'));
      }
    } catch (err) {
      const fields = cardFieldErrors(err);
      if (fields && Object.keys(fields).length > 0) {
        set({ errors: fields, banner: t('card.fixFields'), saving: false, tab: errorTab(fields) ?? get().tab });
      } else {
        set({ saving: false });
        toast.error(errorText(t, err));
      }
    }
  },

  async resolveConflicts(choices) {
    const { card } = get();
    if (!card) return;
    const stored = draftFrom(card.customer);
    const draft: Draft = { ...get().draft, custom: { ...get().draft.custom } };
    for (const c of choices) {
      const column = c.field.startsWith('custom.') ? c.field.slice('custom.'.length) : null;
      if (c.choice === 'mine') continue;
      if (column !== null) {
        if (c.choice === 'theirs') delete draft.custom[column];
        else draft.custom[column] = { value: c.text, send: c.text, base: draft.custom[column]?.base ?? '' };
      } else if (c.field in stored) {
        const field = c.field as keyof Draft;
        Object.assign(draft, { [field]: c.choice === 'theirs' ? stored[field] : c.text });
        if (c.field === 'phones' || c.field === 'tags') Object.assign(draft, { [`${c.field}Input`]: '' });
      }
    }
    set({ draft, conflicts: [] });
    if (isDirty(draft, card.customer)) await get().save();
    else toast.success(t('saveConflict.tookTheirs'));
  },

  dismissConflicts() {
    set({ conflicts: [] });
  },

  async undo() {
    const id = get().openId;
    if (!id || get().isNew) return;
    expectGone = id;
    try {
      const result = await api.customers.undo({ id });
      if (!result.card) {
        set({ ...closed });
        toast.success(t('card.undoneCreate'));
        return;
      }
      set({ card: result.card, draft: draftFrom(result.card.customer), errors: {}, banner: null, revision: get().revision + 1 });
      const view = await api.customers.historyView({ id, limit: 200 });
      toast.success(t('card.undone', { what: describeUndo(t, view.entries, view.lexicon, result.undoneTxId) }));
    } catch (err) {
      if (isCode(err, 'NOTHING_TO_UNDO')) toast.info(t('card.nothingToUndo'));
      else toast.error(errorText(t, err));
    } finally {
      expectGone = null;
    }
  },

  async remove() {
    const { openId, card } = get();
    if (!openId || !card) return;
    if (!(await confirmAsk(t('card.confirmDelete', { name: card.customer.name }), true))) return;
    expectGone = openId;
    try {
      await api.customers.delete({ id: openId });
      set({ ...closed });
      toast.success(t('card.deleted', { name: card.customer.name }), {
        label: t('card.undo'),
        run: () => void restoreDeleted(openId),
      });
    } catch (err) {
      toast.error(errorText(t, err));
    } finally {
      expectGone = null;
    }
  },

  async confirmLeave() {
    const { draft, card, isNew, openId } = get();
    if (!openId && !isNew) return true;
    if (!isDirty(draft, isNew ? null : (card?.customer ?? null))) return true;
    return confirmAsk(t('card.confirmDiscard'), true);
  },
}));

/** After a save with conflicts: the saved customer's form, with the user's input kept for the fields in conflict. */
function withConflictedInput(saved: Draft, typed: Draft, conflicts: readonly FieldConflict[]): Draft {
  const draft: Draft = { ...saved, custom: { ...saved.custom } };
  for (const c of conflicts) {
    if (c.field.startsWith('custom.')) {
      const column = c.field.slice('custom.'.length);
      const edit = typed.custom[column];
      if (edit) draft.custom[column] = edit;
    } else if (c.field in typed) {
      const field = c.field as keyof Draft;
      Object.assign(draft, { [field]: typed[field] });
      if (c.field === 'phones' || c.field === 'tags') Object.assign(draft, { [`${c.field}Input`]: typed[`${c.field}Input`] });
    }
  }
  return draft;
}

/** The tab holding the first field with an error; the card panel registers it from the layout. */
let errorTabOf: (fields: string[]) => string | null = () => 'basic';
export function setErrorTabResolver(resolve: (fields: string[]) => string | null): void {
  errorTabOf = resolve;
}
function errorTab(errors: FieldErrors): string | null {
  return errorTabOf(Object.keys(errors).map((k) => k.replace(/^custom\./, '')));
}

/** Undo of a delete from the toast: the card is closed by then, so undo by id and reopen it. */
async function restoreDeleted(id: string): Promise<void> {
  try {
    const result = await api.customers.undo({ id });
    if (result.card) {
      await useCard.getState().open(id);
      toast.success(t('card.restored', { name: result.card.customer.name }));
    }
  } catch (err) {
    toast.error(errorText(t, err));
  }
}
