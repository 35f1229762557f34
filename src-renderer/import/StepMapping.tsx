import { useTranslation } from 'react-i18next';
import { mappingWarnings } from '../../src-shared/import/mapping-checks';
import { importFieldLabel, targetFields } from './import-fields';
import { mappingProblem, setMapping } from './import-actions';
import { useImport } from './import-store';
import { TemplateBar } from './TemplateBar';

/** Step 3: one target field per sheet column, prefilled from the suggestion; templates load and save mappings. */
export function StepMapping() {
  const { t } = useTranslation();
  const inspection = useImport((s) => s.inspection);
  const mapping = useImport((s) => s.mapping);
  const target = useImport((s) => s.target);
  const problem = useImport((s) => mappingProblem(s));
  const recordKey = useImport((s) => s.recordKey);
  const set = useImport((s) => s.set);
  if (!inspection) return null;
  const fields = targetFields(target, inspection.customFields);
  const warnings = mappingWarnings(target, inspection.headers, mapping);
  const uniqueFields = target === 'records' ? inspection.customFields.filter((f) => f.uniqueValues && !f.deleted) : [];
  const used = new Map<string, number>();
  for (const f of Object.values(mapping)) if (f) used.set(f, (used.get(f) ?? 0) + 1);

  return (
    <div className="import-step" data-testid="import-step-mapping">
      <TemplateBar />
      <div className="import-table-wrap">
        <table className="data-table import-table" data-testid="import-mapping">
          <thead>
            <tr>
              <th>{t('imp.mapping.sheetColumn')}</th>
              <th>{t('imp.mapping.example')}</th>
              <th>{t('imp.mapping.field')}</th>
            </tr>
          </thead>
          <tbody>
            {inspection.headers.map((header, i) => {
              const value = mapping[String(i)] ?? '';
              const twice = value !== '' && value !== 'phones' && (used.get(value) ?? 0) > 1;
              return (
                <tr key={i} data-testid="import-mapping-row" data-column={i} data-header={header}>
                  <td>{header || t('imp.mapping.column', { n: i + 1 })}</td>
                  <td className="muted">{inspection.sample.find((r) => (r[i] ?? '') !== '')?.[i] ?? ''}</td>
                  <td>
                    <select data-testid="import-mapping-select" value={value} onChange={(e) => setMapping(String(i), e.target.value || null)}>
                      <option value="">{t('imp.mapping.ignore')}</option>
                      {fields.map((f) => (
                        <option key={f} value={f}>
                          {importFieldLabel(t, target, f, inspection.customFields)}
                        </option>
                      ))}
                    </select>
                    {twice ? <span className="field-error">{t('imp.mapping.twice')}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {uniqueFields.length > 0 ? (
        <label className="import-inline">
          <span className="form-label">{t('imp.mapping.recordKey')}</span>
          <select
            data-testid="import-record-key"
            value={recordKey ?? ''}
            onChange={(e) => set({ recordKey: e.target.value || null, report: null, rowActions: {} })}
          >
            <option value="">{t('imp.mapping.noRecordKey')}</option>
            {uniqueFields.map((f) => (
              <option key={f.columnName} value={`custom:${f.columnName}`}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {warnings.map((w) => (
        <div key={w.column} className="banner banner-warning" data-testid="import-mapping-warning" data-code={w.code} data-column={w.column}>
          {t(`imp.mapping.${w.code}`, { header: w.header })}
        </div>
      ))}
      {problem ? (
        <div className="field-error" data-testid="import-mapping-error">
          {problem}
        </div>
      ) : null}
    </div>
  );
}
