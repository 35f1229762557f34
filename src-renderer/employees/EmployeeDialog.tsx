import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Employee } from '../../src-shared/domain/organisation';
import type { FieldErrors } from '../../src-shared/errors';
import { api } from '../api/client';
import { errorText, formFieldErrors } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { FormField } from '../components/FormField';
import { SaveCancelFooter } from '../components/SaveCancelFooter';

const FIELDS = ['name', 'title', 'mobile', 'email'] as const;
type Field = (typeof FIELDS)[number];

export function EmployeeDialog({ employee, onClose, onSaved }: { employee: Employee | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const initial: Record<Field, string> = {
    name: employee?.name ?? '',
    title: employee?.title ?? '',
    mobile: employee?.mobile ?? '',
    email: employee?.email ?? '',
  };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      if (employee) {
        const patch: Partial<Record<Field, string>> = {};
        for (const f of FIELDS) if (values[f] !== initial[f]) patch[f] = values[f];
        // `active` is repeated because employeePatch defaults a missing `active` to true (see report).
        if (Object.keys(patch).length > 0) await api.employees.update({ id: employee.id, patch: { ...patch, active: employee.active } });
      } else {
        await api.employees.create({ values });
      }
      onSaved();
    } catch (err) {
      const fields = formFieldErrors(err);
      if (fields && Object.keys(fields).length > 0) setErrors(fields);
      else setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={employee ? t('employees.editTitle') : t('employees.newTitle')}
      testId="employee-dialog"
      onClose={onClose}
      width={480}
      footer={<SaveCancelFooter prefix="employee" busy={busy} onCancel={onClose} onSave={() => void save()} />}
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FIELDS.map((f) => (
          <FormField key={f} label={t(`employee.${f}`)} error={errors[f]} errorTestId={`employee-field-error-${f}`}>
            <input
              value={values[f]}
              autoFocus={f === 'name'}
              data-testid={`employee-field-${f}`}
              aria-invalid={Boolean(errors[f])}
              onChange={(e) => {
                setValues({ ...values, [f]: e.target.value });
                const next = { ...errors };
                delete next[f];
                setErrors(next);
              }}
            />
          </FormField>
        ))}
        <button type="submit" hidden />
      </form>
      {failure ? (
        <div className="banner banner-error" data-testid="employee-error">
          {failure}
        </div>
      ) : null}
    </Dialog>
  );
}
