import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { CustomerPicker } from '../card/CustomerPicker';
import { toast } from '../components/toast-store';
import type { SchemeDto } from './report-types';

/** 手工调整: a manager's class for one customer, with a required reason; it wins from the next run. */
export function OverridePanel({ scheme }: { scheme: SchemeDto }) {
  const { t } = useTranslation();
  const [customer, setCustomer] = useState<{ id: string; name: string | null } | null>(null);
  const [cls, setCls] = useState(scheme.definition.classes[0]?.key ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!customer) return;
    if (reason.trim().length < 2) {
      setError(t('classification.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      await api.classification.override({ schemeId: scheme.id, customerId: customer.id, customerClass: cls, reason: reason.trim() });
      toast.success(t('classification.overrideSaved'));
      setCustomer(null);
      setReason('');
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="scheme-override" data-testid="scheme-override">
      <div className="section-title">{t('classification.override')}</div>
      <div className="inline-row">
        <label className="an-field">
          <span className="form-label">{t('classification.overrideCustomer')}</span>
          <CustomerPicker
            value={customer?.id ?? null}
            label={customer?.name ?? null}
            testId="override-customer"
            onChange={(id, name) => setCustomer(id ? { id, name } : null)}
          />
        </label>
        <label className="an-field">
          <span className="form-label">{t('classification.overrideClass')}</span>
          <select value={cls} data-testid="override-class" onChange={(e) => setCls(e.target.value)}>
            {scheme.definition.classes.map((c) => (
              <option key={c.key} value={c.key}>
                {c.key} · {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="an-field grow">
          <span className="form-label">{t('classification.overrideReason')}</span>
          <input value={reason} maxLength={500} data-testid="override-reason" onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" data-testid="override-save" disabled={!customer || busy} onClick={() => void save()}>
          {t('classification.overrideSave')}
        </button>
      </div>
      {error ? (
        <div className="field-error" data-testid="override-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
