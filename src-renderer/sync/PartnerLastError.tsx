import { useTranslation } from 'react-i18next';
import type { SyncStatusOutput } from '../../src-shared/contract/sync-methods';
import { apiErrorText } from '../api/errors';
import { formatDateTime } from '../i18n/labels';

type Partner = SyncStatusOutput['partners'][number];

/**
 * Why the last bundle from or for this partner failed, in the words the user was told at the time
 * (the refusal texts of src-shared/i18n/sync-texts.ts by code and reason), with when. Main clears
 * it with the next bundle that goes through.
 */
export function PartnerLastError({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const e = partner.lastError;
  if (!e) return null;
  // The partner's folder fills the folder errors' sentence (同步文件夹 … 无法访问).
  const text = apiErrorText(t, {
    code: e.code,
    message: e.message,
    details: { ...(e.reason ? { reason: e.reason } : {}), folder: partner.folder ?? '' },
  });
  return (
    <div className="sync-last-error" data-testid="sync-partner-last-error" data-code={e.code} data-reason={e.reason ?? ''}>
      {t('sync.partners.lastError', { time: formatDateTime(e.at), text })}
    </div>
  );
}
