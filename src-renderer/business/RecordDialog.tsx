import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessRecord, BusinessType } from '../../src-shared/domain/business';
import type { FieldErrors } from '../../src-shared/errors';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { cardFieldErrors } from '../card/card-errors';
import { CustomerPicker } from '../card/CustomerPicker';
import { CustomFieldInput, Swatch } from '../card/CustomFieldInput';
import { fromDraft, toDraft, type DraftValue } from '../card/custom-values';
import { useData } from '../api/use-data';
import { useCustomFields } from '../card/use-meta';
import { Dialog } from '../components/Dialog';
import { useCanBusiness } from '../people/session-store';
import { FormField } from '../components/FormField';
import { toast } from '../components/toast-store';
import { useEmployees } from '../employees/use-employees';
import { SaveConflictDialog, type ConflictChoice } from '../components/SaveConflictDialog';
import type { FieldConflict } from '../../src-shared/domain/save-conflict';
import { customText } from '../card/custom-values';
import { expenseChanges, expenseDraft, expenseFen, type ExpenseDraft } from './expense-lines';
import { ExpenseLinesEditor } from './ExpenseLinesEditor';

/** What the form holds, as typed. */
interface FormValues {
  title: string;
  status: string;
  contactId: string;
  employeeId: string;
  custom: Record<string, DraftValue>;
}

interface RecordDialogProps {
  type: BusinessType;
  record: BusinessRecord | null;
  /** The customer a new record belongs to (from the card); the list screen lets the user pick one. */
  customer: { id: string; name: string } | null;
  onClose(): void;
}

/** A business record: title, status by the workflow, contact / staff, the type's fields, expense lines. */
export function RecordDialog({ type, record: opened, customer, onClose }: RecordDialogProps) {
  const { t } = useTranslation();
  const fields = useCustomFields('record', type.id).data ?? [];
  const employees = useEmployees(true);
  // The record the form is based on: as opened, then as the last save answered (its version goes
  // back with the next save, issue 20), and what that save left for the user to decide.
  const [record, setRecord] = useState<BusinessRecord | null>(opened);
  const [conflicts, setConflicts] = useState<FieldConflict[]>([]);
  const [customerId, setCustomerId] = useState<string | null>(record?.customerId ?? customer?.id ?? null);
  const [customerName, setCustomerName] = useState<string | null>(record?.customerName ?? customer?.name ?? null);
  const [title, setTitle] = useState(record?.title ?? '');
  const [status, setStatus] = useState(record?.status ?? type.statuses[0]?.key ?? '');
  const [contactId, setContactId] = useState(record?.contactId ?? '');
  const [employeeId, setEmployeeId] = useState(record?.employeeId ?? '');
  const [custom, setCustom] = useState<Record<string, DraftValue>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const contacts =
    useData(
      () => (customerId && type.linkContact ? api.customers.get({ id: customerId }).then((c) => c.contacts) : Promise.resolve([])),
      [customerId, type.linkContact],
      ['contact'],
    ).data ?? [];
  const recordId = record?.id ?? null;
  // Read once: the lines are being edited here.
  const stored = useData(() => (recordId ? api.expenses.list({ recordId }) : Promise.resolve([])), [recordId], []);
  const [lines, setLines] = useState<ExpenseDraft[] | null>(null);
  const shownLines = lines ?? (stored.data ?? []).map(expenseDraft);

  const allowed = record ? (type.transitions[record.status] ?? type.statuses.map((s) => s.key)) : type.statuses.map((s) => s.key);
  const statusChoices = type.statuses.filter((s) => s.key === record?.status || allowed.includes(s.key));

  /** `over`: the conflict dialog's choices, saved before they reach the form's state. */
  const save = async (over: Partial<FormValues> = {}) => {
    const form: FormValues = { title, status, contactId, employeeId, custom, ...over };
    if (!customerId) {
      setErrors({ customerId: 'required' });
      return;
    }
    const badLines: Record<string, string> = {};
    shownLines.forEach((l, i) => {
      if (!l.categoryId) badLines[`${i}.categoryId`] = 'required';
      const fen = expenseFen(l);
      if (fen === null || fen <= 0) badLines[`${i}.amount`] = 'invalid';
    });
    setLineErrors(badLines);
    if (Object.keys(badLines).length) return;
    const customValues: Record<string, unknown> = {};
    for (const f of fields) {
      const v = form.custom[f.columnName];
      if (v !== undefined) customValues[f.columnName] = fromDraft(f, v);
    }
    setSaving(true);
    try {
      const values = {
        title: form.title,
        status: form.status,
        contactId: form.contactId || null,
        employeeId: form.employeeId || null,
        custom: customValues,
      };
      const saved = record
        ? await api.records.update({
            id: record.id,
            patch: { ...values, ...(form.status === record.status ? { status: undefined } : {}) },
            baseVersion: record.version,
          })
        : { ...(await api.records.create({ typeId: type.id, customerId, ...values })), conflicts: [] };
      const changes = expenseChanges(shownLines, stored.data ?? []);
      const input = (l: ExpenseDraft) => ({
        categoryId: l.categoryId,
        amountFen: expenseFen(l) ?? 0,
        expenseDate: l.date,
        note: l.note || null,
        employeeId: l.employeeId,
      });
      for (const l of changes.creates) await api.expenses.create({ recordId: saved.id, ...input(l) });
      for (const l of changes.updates) if (l.id) await api.expenses.update({ id: l.id, patch: input(l) });
      for (const e of changes.deletes) await api.expenses.delete({ id: e.id });
      if (saved.conflicts.length > 0) {
        // The other fields and the lines are saved; the form keeps the user's values for the conflicting ones.
        const { conflicts: held, ...base } = saved;
        const isHeld = (field: string) => held.some((c) => c.field === field);
        setRecord(base);
        if (!isHeld('title')) setTitle(base.title);
        if (!isHeld('status')) setStatus(base.status);
        if (!isHeld('contactId')) setContactId(base.contactId ?? '');
        if (!isHeld('employeeId')) setEmployeeId(base.employeeId ?? '');
        setCustom((all) => Object.fromEntries(Object.entries(all).filter(([column]) => isHeld(`custom.${column}`))));
        setLines(null);
        stored.reload();
        setSaving(false);
        setConflicts(held);
        toast.info(t('saveConflict.partlySaved', { n: held.length }));
        return;
      }
      toast.success(t('cards.biz.saved', { title: saved.title }));
      onClose();
    } catch (err) {
      setSaving(false);
      const fields = cardFieldErrors(err);
      if (fields && Object.keys(fields).length) setErrors(fields);
      else toast.error(errorText(t, err));
    }
  };

  const resolve = (choices: ConflictChoice[]) => {
    setConflicts([]);
    if (!record) return;
    const over: Partial<FormValues> = {};
    const nextCustom = { ...custom };
    let changed = false;
    for (const c of choices) {
      if (c.choice !== 'theirs') changed = true;
      if (c.choice === 'mine') continue;
      const text = c.choice === 'merge' ? c.text : null;
      if (c.field.startsWith('custom.')) {
        const column = c.field.slice('custom.'.length);
        if (text === null) delete nextCustom[column];
        else nextCustom[column] = text;
      } else if (c.field === 'title') over.title = text ?? record.title;
      else if (c.field === 'status') over.status = record.status;
      else if (c.field === 'contactId') over.contactId = record.contactId ?? '';
      else if (c.field === 'employeeId') over.employeeId = record.employeeId ?? '';
    }
    over.custom = nextCustom;
    if (over.title !== undefined) setTitle(over.title);
    if (over.status !== undefined) setStatus(over.status);
    if (over.contactId !== undefined) setContactId(over.contactId);
    if (over.employeeId !== undefined) setEmployeeId(over.employeeId);
    setCustom(nextCustom);
    if (changed) void save(over);
    else toast.success(t('saveConflict.tookTheirs'));
  };
  const labelOf = (field: string) => {
    const f = fields.find((x) => `custom.${x.columnName}` === field);
    if (f) return f.label;
    const key = { title: 'cards.biz.title', status: 'cards.biz.status', contactId: 'cards.biz.contact', employeeId: 'cards.biz.employee' }[field];
    return key ? t(key) : field;
  };
  const textOf = (field: string, value: unknown) => {
    const f = fields.find((x) => `custom.${x.columnName}` === field);
    if (f) return customText(t, f, value, employees ?? []);
    if (field === 'status') return type.statuses.find((x) => x.key === value)?.label ?? (typeof value === 'string' ? value : '');
    if (field === 'employeeId') return (employees ?? []).find((e) => e.id === value)?.name ?? '';
    if (field === 'contactId') return contacts.find((c) => c.id === value)?.name ?? '';
    return typeof value === 'string' ? value : '';
  };

  const current = type.statuses.find((s) => s.key === status);
  const canWrite = useCanBusiness(type.id, 'write');
  return (
    <Dialog
      title={record ? t('cards.biz.editRecord', { type: type.name }) : t('cards.biz.newRecord', { type: type.name })}
      testId="record-dialog"
      width={820}
      onClose={onClose}
      readOnly={!canWrite}
      footer={
        <>
          <button type="button" data-testid="record-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid="record-save" disabled={saving} onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <FormField label={t('cards.biz.title')} error={errors.title} errorTestId="record-error-title" wide>
          <input value={title} data-testid="record-title" autoFocus onChange={(e) => setTitle(e.target.value)} />
        </FormField>
        {!customer ? (
          <FormField label={t('cards.biz.customer')} error={errors.customerId} errorTestId="record-error-customerId">
            <CustomerPicker
              value={customerId}
              label={customerName}
              testId="record-customer"
              onChange={(id, name) => {
                setCustomerId(id);
                setCustomerName(name);
              }}
            />
          </FormField>
        ) : null}
        <div className="form-field wide">
          <span className="form-label">
            {t('cards.biz.status')}
            {current?.final ? <span className="muted"> · {t('cards.biz.final')}</span> : null}
          </span>
          <div className="status-buttons" data-testid="record-status">
            {statusChoices.map((s) => (
              <button
                key={s.key}
                type="button"
                className={`status-button${s.key === status ? ' on' : ''}`}
                aria-pressed={s.key === status}
                data-testid="record-status-option"
                data-status={s.key}
                onClick={() => setStatus(s.key)}
              >
                <Swatch color={s.color} />
                {s.label}
              </button>
            ))}
          </div>
          {errors.status ? (
            <span className="field-error" data-testid="record-error-status" data-code={errors.status}>
              {t(`cards.fieldError.${errors.status}`, { defaultValue: t('fieldError.invalid') })}
            </span>
          ) : null}
        </div>
        {type.linkContact ? (
          <FormField label={t('cards.biz.contact')} error={errors.contactId} errorTestId="record-error-contactId">
            <select value={contactId} data-testid="record-contact" onChange={(e) => setContactId(e.target.value)}>
              <option value="">{t('common.none')}</option>
              {contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </FormField>
        ) : null}
        {type.linkStaff ? (
          <FormField label={t('cards.biz.employee')} error={errors.employeeId} errorTestId="record-error-employeeId">
            <select value={employeeId} data-testid="record-employee" onChange={(e) => setEmployeeId(e.target.value)}>
              <option value="">{t('common.none')}</option>
              {(employees ?? [])
                .filter((e) => e.active || e.id === employeeId)
                .map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
            </select>
          </FormField>
        ) : null}
        {fields.map((f) => {
          const value = custom[f.columnName] ?? toDraft(f, record ? record.custom[f.columnName] : f.defaultValue);
          const error = errors[`custom.${f.columnName}`];
          return (
            <div
              key={f.id}
              className={`form-field${f.type === 'longText' ? ' wide' : ''}`}
              data-testid="record-field"
              data-field={f.columnName}
              data-label={f.label}
            >
              <span className="form-label">{f.required ? `${f.label} *` : f.label}</span>
              <CustomFieldInput
                field={f}
                value={value}
                stored={record?.custom[f.columnName]}
                invalid={Boolean(error)}
                testId={`record-field-${f.columnName}`}
                employees={employees}
                onChange={(v) => setCustom((c) => ({ ...c, [f.columnName]: v }))}
              />
              {error ? (
                <span className="field-error" data-testid={`record-error-${f.columnName}`} data-code={error}>
                  {t(`fieldError.${error}`, { defaultValue: t(`cards.fieldError.${error}`, { defaultValue: t('fieldError.invalid') }) })}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      <ExpenseLinesEditor lines={shownLines} onChange={setLines} employees={employees} errors={lineErrors} />
      {conflicts.length > 0 ? (
        <SaveConflictDialog conflicts={conflicts} labelOf={labelOf} textOf={textOf} onResolve={resolve} onCancel={() => setConflicts([])} />
      ) : null}
    </Dialog>
  );
}
