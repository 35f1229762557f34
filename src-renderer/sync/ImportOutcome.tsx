import { useTranslation } from 'react-i18next';
import type { ImportOutcomeOutput } from '../../src-shared/contract/sync-methods';
import { apiErrorText } from '../api/errors';

/** What an import or a 立即同步 did with each bundle: applied N of M, already applied, waiting for parts, refused (why). */
export function ImportOutcome({ outcome, testId }: { outcome: ImportOutcomeOutput; testId: string }) {
  const { t } = useTranslation();
  return (
    <ul className="sync-outcome" data-testid={testId}>
      {outcome.applied.map((a) => (
        <li
          key={`a-${a.from.code}-${a.number}`}
          data-testid={a.duplicate ? 'sync-outcome-duplicate' : 'sync-outcome-applied'}
          data-from={a.from.code}
          data-number={a.number}
          data-applied={a.applied}
          data-changes={a.changes}
          data-conflicts={a.conflicts}
        >
          {a.duplicate
            ? t('sync.import.duplicate', { name: a.from.name, n: a.number })
            : t('sync.import.applied', { name: a.from.name, n: a.number, applied: a.applied, changes: a.changes })}
          {a.conflicts > 0 ? ` ${t('sync.import.conflicts', { n: a.conflicts })}` : ''}
          {a.enrolled ? ` ${t('sync.import.enrolled', { name: a.from.name })}` : ''}
          {a.removed.length > 0 ? (
            <span data-testid="sync-outcome-removed" data-count={a.removed.length}>
              {` ${t('sync.import.removed', { n: a.removed.length, names: a.removed.map((r) => r.name).join(t('sync.import.nameSeparator')) })}`}
            </span>
          ) : null}
        </li>
      ))}
      {outcome.waiting.map((w) => (
        <li key={`w-${w.from}-${w.number}`} data-testid="sync-outcome-waiting" data-from={w.from} data-number={w.number}>
          {t('sync.import.waiting', { from: w.from, n: w.number, missing: w.missing.join('、') })}
        </li>
      ))}
      {outcome.refused.map((r, i) => (
        <li key={`r-${i}`} className="sync-outcome-refused" data-testid="sync-outcome-refused" data-code={r.code} data-reason={r.reason}>
          {t('sync.import.refused', {
            files: r.files.join('、'),
            reason: apiErrorText(t, { code: r.code, message: r.message, details: { reason: r.reason } }),
          })}
        </li>
      ))}
    </ul>
  );
}
