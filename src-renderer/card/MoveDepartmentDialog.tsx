import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../src-shared/domain/organisation';
import { Dialog } from '../components/Dialog';
import { departmentPath, subtreeIds } from './org-tree';

interface Props {
  dept: Department;
  departments: Department[];
  onMove(parentId: string | null): Promise<string | null>;
  onClose(): void;
}

/** Picks a new parent; the department itself and its sub-departments are not offered. */
export function MoveDepartmentDialog({ dept, departments, onMove, onClose }: Props) {
  const { t } = useTranslation();
  const [parent, setParent] = useState(dept.parentId ?? '');
  const [error, setError] = useState<string | null>(null);
  const blocked = subtreeIds(departments, dept.id);
  const options = departments.filter((d) => !blocked.has(d.id));
  return (
    <Dialog
      title={t('org.moveTitle', { name: dept.name })}
      testId="dept-move-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" data-testid="dept-move-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="dept-move-ok"
            onClick={() => void onMove(parent === '' ? null : parent).then(setError)}
          >
            {t('common.ok')}
          </button>
        </>
      }
    >
      <label className="form-field wide">
        <span className="form-label">{t('department.parentId')}</span>
        <select value={parent} data-testid="dept-parent-select" onChange={(e) => setParent(e.target.value)}>
          <option value="">{t('org.topLevel')}</option>
          {options.map((d) => (
            <option key={d.id} value={d.id}>
              {departmentPath(departments, d.id)}
            </option>
          ))}
        </select>
        {error ? (
          <span className="field-error" data-testid="dept-move-error">
            {error}
          </span>
        ) : null}
      </label>
    </Dialog>
  );
}
