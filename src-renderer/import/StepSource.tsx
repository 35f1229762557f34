import { useTranslation } from 'react-i18next';
import { setRead } from './import-actions';
import { useImport } from './import-store';
import { DELIMITERS, ENCODINGS, type Delimiter, type Encoding } from './import-types';

const DELIMITER_KEYS: Record<Delimiter, string> = { auto: 'auto', ',': 'comma', '\t': 'tab', ';': 'semicolon' };

/** Step 2: how to read the file (detected, with overrides) and the first rows as read. */
export function StepSource() {
  const { t } = useTranslation();
  const inspection = useImport((s) => s.inspection);
  const read = useImport((s) => s.read);
  const headerRow = useImport((s) => s.headerRow);
  const set = useImport((s) => s.set);
  const busy = useImport((s) => s.busy);
  if (!inspection) return null;
  const text = inspection.format === 'text';
  const detected = (key: string, value: string | null) => (value ? t('imp.source.detected', { value: t(key, { defaultValue: value }) }) : '');

  return (
    <div className="import-step" data-testid="import-step-source" data-format={inspection.format} data-encoding={inspection.encoding ?? ''}>
      <div className="import-source-row">
        {text ? (
          <>
            <label className="form-field">
              <span className="form-label">{t('imp.source.encoding')}</span>
              <select
                data-testid="import-encoding"
                value={read.encoding}
                disabled={busy}
                onChange={(e) => setRead({ encoding: e.target.value as Encoding })}
              >
                {ENCODINGS.map((enc) => (
                  <option key={enc} value={enc}>
                    {enc === 'auto'
                      ? `${t('imp.encoding.auto')} ${detected(`imp.encoding.${inspection.encoding ?? ''}`, inspection.encoding)}`
                      : t(`imp.encoding.${enc}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="form-field">
              <span className="form-label">{t('imp.source.delimiter')}</span>
              <select
                data-testid="import-delimiter"
                value={read.delimiter}
                disabled={busy}
                onChange={(e) => setRead({ delimiter: e.target.value as Delimiter })}
              >
                {DELIMITERS.map((d) => (
                  <option key={d} value={d}>
                    {d === 'auto'
                      ? `${t('imp.delimiter.auto')} ${detected(`imp.delimiter.${DELIMITER_KEYS[(inspection.delimiter ?? 'auto') as Delimiter] ?? 'auto'}`, inspection.delimiter)}`
                      : t(`imp.delimiter.${DELIMITER_KEYS[d]}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <label className="form-field">
            <span className="form-label">{t('imp.source.sheet')}</span>
            <select
              data-testid="import-sheet"
              value={read.sheet ?? inspection.sheets[0] ?? ''}
              disabled={busy}
              onChange={(e) => setRead({ sheet: e.target.value })}
            >
              {inspection.sheets.map((sheet) => (
                <option key={sheet} value={sheet}>
                  {sheet}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="form-field">
          <span className="form-label">{t('imp.source.headerRow')}</span>
          <input
            type="number"
            min={1}
            max={1000}
            data-testid="import-header-row"
            value={headerRow ?? inspection.headerRow}
            onChange={(e) => {
              const n = Number(e.target.value);
              set({ headerRow: Number.isInteger(n) && n >= 1 && n <= 1000 && n !== inspection.headerRow ? n : null, report: null });
            }}
          />
        </label>
      </div>
      {headerRow ? (
        <p className="muted" data-testid="import-header-row-note">
          {t('imp.source.headerOverride', { n: headerRow, detected: inspection.headerRow })}
        </p>
      ) : null}
      <SampleTable headers={inspection.headers} sample={inspection.sample} firstRow={inspection.headerRow + 1} />
    </div>
  );
}

function SampleTable({ headers, sample, firstRow }: { headers: string[]; sample: string[][]; firstRow: number }) {
  const { t } = useTranslation();
  return (
    <div className="import-table-wrap">
      <table className="data-table import-table" data-testid="import-sample">
        <thead>
          <tr>
            <th>{t('imp.report.row')}</th>
            {headers.map((h, i) => (
              <th key={i} data-testid="import-sample-header">
                {h || t('imp.mapping.column', { n: i + 1 })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sample.map((row, r) => (
            <tr key={r} data-testid="import-sample-row">
              <td className="num">{firstRow + r}</td>
              {headers.map((_, i) => (
                <td key={i}>{row[i] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
