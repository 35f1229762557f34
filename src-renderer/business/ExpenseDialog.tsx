import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMoney } from '../../src-shared/money';
import { parseDateText } from '../../src-shared/validation/date-text';
import type { FieldErrors } from '../../src-shared/errors';
import { useCan } from '../people/session-store';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { cardFieldErrors } from '../card/card-errors';
import { useData } from '../api/use-data';
import { useBusinessTypes, useExpenseCategories } from '../card/use-meta';
import { DateInput } from '../components/DateInput';
import { Dialog } from '../components/Dialog';
import { FormField } from '../components/FormField';
import { toast } from '../components/toast-store';
import { useEmployees } from '../employees/use-employees';
import { flattenCategories } from './category-tree';
import { today } from '../../src-shared/query/relative-dates';

/**
 * 记一笔费用 from the card's 费用 tab. An expense belongs to a business record, so the user picks
 * one of the customer's records or starts a new one of a business type (created with the expense,
 * in one write).
 *
 * A new workspace has neither business types nor 费用分类. Someone who may manage settings gets
 * them here instead of a dead end: the record list offers the built-in templates (the type is made
 * first, through the same call as in settings) and the category list ends in “新建费用分类…”.
 */
const NEW_CATEGORY = '__new__';

export function ExpenseDialog({ customerId, onClose }: { customerId: string; onClose(): void }) {
  const { t } = useTranslation();
  const types = useBusinessTypes().data ?? [];
  const categories = flattenCategories(useExpenseCategories().data ?? []);
  const employees = useEmployees(true);
  const records = useData(() => api.records.list({ customerId, limit: 500 }), [customerId], []).data?.rows ?? [];
  const canManage = useCan('settings', 'manage');
  const offerTemplates = canManage && types.length === 0;
  const templates = useData(() => (offerTemplates ? api.businessTypes.templates({}) : Promise.resolve([])), [offerTemplates], []).data ?? [];
  const [newCategoryName, setNewCategoryName] = useState('');
  const [target, setTarget] = useState('');
  const [title, setTitle] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today());
  const [employeeId, setEmployeeId] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const firstTemplate = templates.find((x) => x.key === 'visit') ?? templates[0];
  const chosenTarget =
    target || (records[0] ? `record:${records[0].id}` : types[0] ? `new:${types[0].id}` : firstTemplate ? `template:${firstTemplate.key}` : '');
  const chosenCategory = categoryId || categories[0]?.category.id || (canManage ? NEW_CATEGORY : '');
  const newType = chosenTarget.startsWith('new:') ? types.find((x) => `new:${x.id}` === chosenTarget) : undefined;
  const newTemplate = chosenTarget.startsWith('template:') ? templates.find((x) => `template:${x.key}` === chosenTarget) : undefined;
  const blocked =
    types.length === 0 && records.length === 0 && !canManage ? 'noTypes' : categories.length === 0 && !canManage ? 'noCategories' : null;

  const save = async () => {
    const fen = parseMoney(amount);
    const day = parseDateText(date);
    const found: FieldErrors = {};
    if (fen === null || fen <= 0) found.amountFen = 'amountRequired';
    if (!day.ok || day.value === null) found.expenseDate = day.ok ? 'required' : day.code;
    if (chosenCategory === NEW_CATEGORY && !newCategoryName.trim()) found.categoryId = 'required';
    if (!chosenTarget) found.record = 'required';
    setErrors(found);
    if (Object.keys(found).length > 0 || fen === null || !day.ok || !day.value) return;
    setSaving(true);
    try {
      // Settings first (each its own logged write, kept if the expense is then refused: the user
      // asked for them), then the expense.
      let category = chosenCategory;
      if (category === NEW_CATEGORY) {
        category = (await api.expenseCategories.create({ name: newCategoryName.trim() })).id;
        setCategoryId(category);
        setNewCategoryName('');
      }
      const line = { categoryId: category, amountFen: fen, expenseDate: day.value, note: note || null, employeeId: employeeId || null };
      const typeId = newTemplate ? (await api.businessTypes.createFromTemplate({ template: newTemplate.key })).id : newType?.id;
      if (newTemplate) setTarget(`new:${typeId}`);
      if (typeId) {
        const recordTitle = title.trim() || t('ux.expense.defaultTitle', { date: day.value });
        await api.records.create({ typeId, customerId, title: recordTitle, expenses: [line] });
      } else {
        await api.expenses.create({ recordId: chosenTarget.slice('record:'.length), ...line });
      }
      toast.success(t('ux.expense.saved'));
      onClose();
    } catch (err) {
      setSaving(false);
      const fields = cardFieldErrors(err);
      if (fields && Object.keys(fields).length) setErrors(fields);
      else toast.error(errorText(t, err));
    }
  };

  const amountError =
    errors.amountFen === 'amountRequired'
      ? t('ux.expense.amountRequired')
      : t(`fieldError.${errors.amountFen ?? 'invalid'}`, { defaultValue: t('fieldError.invalid') });
  return (
    <Dialog
      title={t('ux.expense.title')}
      testId="expense-dialog"
      width={560}
      onClose={onClose}
      footer={
        <>
          <button type="button" data-testid="expense-dialog-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="expense-dialog-save"
            disabled={saving || blocked !== null}
            onClick={() => void save()}
          >
            {t('common.save')}
          </button>
        </>
      }
    >
      {blocked ? (
        <div className="banner banner-error" data-testid="expense-dialog-blocked">
          {t(`ux.expense.${blocked}`)}
        </div>
      ) : null}
      <div className="form-grid">
        <FormField label={t('ux.expense.record')} error={errors.record} errorTestId="expense-dialog-error-record" wide>
          <select value={chosenTarget} data-testid="expense-dialog-record" onChange={(e) => setTarget(e.target.value)}>
            {records.map((r) => (
              <option key={r.id} value={`record:${r.id}`}>
                {(types.find((x) => x.id === r.typeId)?.name ?? '') + ' · ' + r.title}
              </option>
            ))}
            {types.map((x) => (
              <option key={x.id} value={`new:${x.id}`}>
                {t('ux.expense.newRecord', { type: x.name })}
              </option>
            ))}
            {templates.map((x) => (
              <option key={x.key} value={`template:${x.key}`}>
                {t('ux.expense.newTypeRecord', { type: x.name })}
              </option>
            ))}
          </select>
          {newTemplate ? (
            <span className="muted small" data-testid="expense-dialog-new-type-hint">
              {t('ux.expense.newTypeHint', { type: newTemplate.name })}
            </span>
          ) : null}
        </FormField>
        {newType || newTemplate ? (
          <FormField label={t('ux.expense.recordTitle')} error={errors.title} errorTestId="expense-dialog-error-title" wide>
            <input
              value={title}
              placeholder={t('ux.expense.defaultTitle', { date })}
              data-testid="expense-dialog-title"
              onChange={(e) => setTitle(e.target.value)}
            />
          </FormField>
        ) : null}
        <FormField label={t('cards.expenses.category')} error={errors.categoryId} errorTestId="expense-dialog-error-category">
          <select value={chosenCategory} data-testid="expense-dialog-category" onChange={(e) => setCategoryId(e.target.value)}>
            {categories.map((c) => (
              <option key={c.category.id} value={c.category.id}>
                {'\u3000'.repeat(c.depth)}
                {c.category.name}
              </option>
            ))}
            {canManage ? (
              <option value={NEW_CATEGORY} data-testid="expense-dialog-category-new">
                {t('ux.expense.newCategory')}
              </option>
            ) : null}
          </select>
          {chosenCategory === NEW_CATEGORY ? (
            <input
              value={newCategoryName}
              placeholder={t('ux.expense.newCategoryName')}
              aria-label={t('ux.expense.newCategoryName')}
              maxLength={40}
              data-testid="expense-dialog-category-name"
              onChange={(e) => setNewCategoryName(e.target.value)}
            />
          ) : null}
        </FormField>
        <div className={`form-field${errors.amountFen ? ' has-error' : ''}`}>
          <span className="form-label">{t('cards.expenses.amountYuan')}</span>
          <input
            value={amount}
            inputMode="decimal"
            autoFocus
            data-testid="expense-dialog-amount"
            aria-invalid={Boolean(errors.amountFen)}
            onChange={(e) => setAmount(e.target.value)}
          />
          {errors.amountFen ? (
            <span className="field-error" data-testid="expense-dialog-error-amount" data-code={errors.amountFen}>
              {amountError}
            </span>
          ) : null}
        </div>
        <FormField label={t('cards.expenses.date')} error={errors.expenseDate} errorTestId="expense-dialog-error-date">
          <DateInput value={date} testId="expense-dialog-date" onChange={setDate} />
        </FormField>
        <FormField label={t('cards.expenses.employee')} error={errors.employeeId} errorTestId="expense-dialog-error-employee">
          <select value={employeeId} data-testid="expense-dialog-employee" onChange={(e) => setEmployeeId(e.target.value)}>
            <option value="">{t('common.none')}</option>
            {(employees ?? [])
              .filter((e) => e.active)
              .map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
          </select>
        </FormField>
        <FormField label={t('cards.expenses.note')} error={errors.note} errorTestId="expense-dialog-error-note" wide>
          <input value={note} data-testid="expense-dialog-note" onChange={(e) => setNote(e.target.value)} />
        </FormField>
      </div>
    </Dialog>
  );
}
