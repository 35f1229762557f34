import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/app-store';
import { cancelInspect, chooseNativeFile, setBusinessType, setTarget, uploadChosenFile } from './import-actions';
import { useImport } from './import-store';
import type { ImportTarget } from './import-types';

const TARGETS: readonly ImportTarget[] = ['customers', 'contacts', 'orders', 'receipts', 'products', 'records'];
const ACCEPT = '.xlsx,.xls,.csv,.txt,.tsv';

/** Step 1: what to import into, and which file (native dialog on the desktop, upload in the browser). */
export function StepFile() {
  const { t } = useTranslation();
  const target = useImport((s) => s.target);
  const file = useImport((s) => s.file);
  const upload = useImport((s) => s.upload);
  const busy = useImport((s) => s.busy);
  const inspection = useImport((s) => s.inspection);
  const businessTypes = useImport((s) => s.businessTypes);
  const businessTypeId = useImport((s) => s.businessTypeId);
  const nativeDialogs = useApp((s) => s.appInfo?.nativeDialogs ?? false);
  const [useInput, setUseInput] = useState(!nativeDialogs);
  const pct = upload && upload.total > 0 ? Math.round((upload.sent / upload.total) * 100) : 0;

  return (
    <div className="import-step" data-testid="import-step-file">
      <fieldset className="import-targets">
        <legend className="form-label">{t('imp.file.target')}</legend>
        {TARGETS.map((tg) => (
          <label key={tg} className="check">
            <input type="radio" name="import-target" data-testid={`import-target-${tg}`} checked={target === tg} onChange={() => setTarget(tg)} />
            {t(`imp.target.${tg}`)}
          </label>
        ))}
      </fieldset>
      {target === 'records' ? (
        <label className="import-inline">
          <span className="form-label">{t('imp.file.businessType')}</span>
          {businessTypes.length > 0 ? (
            <select data-testid="import-business-type" value={businessTypeId ?? ''} onChange={(e) => setBusinessType(e.target.value)}>
              {businessTypes.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          ) : (
            <span className="muted">{t('imp.file.noBusinessTypes')}</span>
          )}
        </label>
      ) : null}
      <div className="form-label">{t('imp.file.file')}</div>
      {useInput ? (
        <input
          type="file"
          accept={ACCEPT}
          data-testid="import-file-input"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) void uploadChosenFile(chosen);
          }}
        />
      ) : (
        <button type="button" data-testid="import-choose-file" onClick={() => void chooseNativeFile().then((native) => setUseInput(!native))}>
          {t('imp.file.choose')}
        </button>
      )}
      <p className="muted">{t('imp.file.hint')}</p>
      {upload ? (
        <div data-testid="import-upload-progress" data-sent={upload.sent} data-total={upload.total}>
          <div className="progress">
            <div className="progress-fill" style={{ width: `${pct}%` }} />
          </div>
          <div className="progress-text">
            <span>{t('imp.file.uploading')}</span>
            <span>{pct}%</span>
          </div>
        </div>
      ) : null}
      {busy ? (
        <p className="muted">
          {t('imp.file.reading')}{' '}
          <button type="button" data-testid="import-inspect-cancel" onClick={() => void cancelInspect()}>
            {t('imp.file.cancelReading')}
          </button>
        </p>
      ) : null}
      {file && inspection ? (
        <div className="import-file-chosen" data-testid="import-file-name" data-name={file.fileName}>
          {t('imp.file.chosen', {
            name: file.fileName,
            format: t(`imp.format.${inspection.format}`),
            columns: inspection.headers.length,
          })}
        </div>
      ) : null}
    </div>
  );
}
