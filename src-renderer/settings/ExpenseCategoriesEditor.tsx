import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExpenseCategory } from '../../src-shared/domain/business';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useExpenseCategories } from '../card/use-meta';
import { confirmAsk } from '../components/confirm-store';
import { PromptDialog } from '../components/PromptDialog';
import { toast } from '../components/toast-store';
import { flattenCategories } from '../business/category-tree';

type Prompt = { kind: 'add'; parent: ExpenseCategory | null } | { kind: 'rename'; category: ExpenseCategory };

/** 费用分类: the expense category tree (add, add below, rename, move, delete). */
export function ExpenseCategoriesEditor() {
  const { t } = useTranslation();
  const all = useExpenseCategories().data ?? [];
  const nodes = flattenCategories(all);
  const [prompt, setPrompt] = useState<Prompt | null>(null);

  const submit = async (name: string): Promise<string | null> => {
    if (!prompt) return null;
    try {
      if (prompt.kind === 'add') await api.expenseCategories.create({ name, parentId: prompt.parent?.id ?? null });
      else await api.expenseCategories.update({ id: prompt.category.id, name });
      setPrompt(null);
      return null;
    } catch (err) {
      return errorText(t, err);
    }
  };
  const move = async (c: ExpenseCategory, parentId: string) => {
    try {
      await api.expenseCategories.update({ id: c.id, name: c.name, parentId: parentId || null });
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  const remove = async (c: ExpenseCategory) => {
    if (!(await confirmAsk(t('cards.categories.confirmDelete', { name: c.name }), true))) return;
    try {
      await api.expenseCategories.delete({ id: c.id });
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };

  return (
    <div className="settings-page" data-testid="categories-editor">
      <div className="toolbar">
        <button type="button" className="primary" data-testid="category-add-root" onClick={() => setPrompt({ kind: 'add', parent: null })}>
          ＋ {t('cards.categories.addRoot')}
        </button>
      </div>
      <table className="data-table" data-testid="category-tree">
        <tbody>
          {nodes.length === 0 ? (
            <tr>
              <td className="muted">{t('cards.categories.empty')}</td>
            </tr>
          ) : null}
          {nodes.map(({ category: c, depth }) => (
            <tr key={c.id} data-testid="category-node" data-id={c.id} data-name={c.name} data-depth={depth}>
              <td style={{ paddingLeft: 8 + depth * 20 }}>{c.name}</td>
              <td>
                <select
                  value={c.parentId ?? ''}
                  data-testid="category-parent"
                  title={t('cards.categories.parent')}
                  onChange={(e) => void move(c, e.target.value)}
                >
                  <option value="">{t('cards.categories.topLevel')}</option>
                  {nodes
                    .filter((n) => n.category.id !== c.id && !n.path.slice(0, -1).includes(c.name))
                    .map((n) => (
                      <option key={n.category.id} value={n.category.id}>
                        {n.path.join(' / ')}
                      </option>
                    ))}
                </select>
              </td>
              <td className="row-actions">
                <button type="button" data-testid="category-add-child" onClick={() => setPrompt({ kind: 'add', parent: c })}>
                  {t('cards.categories.addChild')}
                </button>
                <button type="button" data-testid="category-rename" onClick={() => setPrompt({ kind: 'rename', category: c })}>
                  {t('common.rename')}
                </button>
                <button type="button" className="danger-icon" data-testid="category-delete" onClick={() => void remove(c)}>
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {prompt ? (
        <PromptDialog
          title={
            prompt.kind === 'add'
              ? prompt.parent
                ? t('cards.categories.addBelow', { name: prompt.parent.name })
                : t('cards.categories.addRoot')
              : t('common.rename')
          }
          label={t('cards.categories.name')}
          initial={prompt.kind === 'rename' ? prompt.category.name : ''}
          testId="category-name"
          onSubmit={submit}
          onClose={() => setPrompt(null)}
        />
      ) : null}
    </div>
  );
}
