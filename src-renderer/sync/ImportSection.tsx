import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportOutcomeOutput } from '../../src-shared/contract/sync-methods';
import { api } from '../api/client';
import type { UploadedFile } from '../api/upload';
import { chooseNative, uploadChosen, useNativeDialogs } from './choose-files';
import { ImportOutcome } from './ImportOutcome';
import { useSync } from './sync-store';
import { runSyncJob, useSyncJob } from './sync-job';
import { useAction } from './use-action';

/** 导入同步包: one or more files (parts of several bundles may come together); each bundle's outcome. */
export function ImportSection() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<ImportOutcomeOutput | null>(null);
  const { busy, error, run } = useAction();
  const native = useNativeDialogs();
  const jobRunning = useSyncJob((s) => s.running !== null);
  const importFiles = async (files: () => Promise<UploadedFile[]>) => {
    setOutcome(null);
    const done = await run(async () => {
      const chosen = await files();
      if (chosen.length === 0) return undefined;
      try {
        return await runSyncJob<ImportOutcomeOutput>('import', () => api.sync.import({ fileTokens: chosen.map((f) => f.fileToken) }));
      } finally {
        // A cancelled large bundle may have gone in partly: the counts and history move either way.
        await useSync
          .getState()
          .refresh()
          .catch(() => undefined);
      }
    });
    if (done) setOutcome(done);
  };
  return (
    <section className="sync-section" data-testid="sync-import">
      <h3>{t('sync.import.title')}</h3>
      <p className="muted">{t('sync.import.hint')}</p>
      <input
        ref={input}
        type="file"
        multiple
        accept=".kcsync"
        hidden
        data-testid="sync-import-file"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void importFiles(() => uploadChosen(files));
        }}
      />
      <button
        type="button"
        data-testid="sync-import-choose"
        disabled={busy || jobRunning}
        onClick={() => (native ? void importFiles(() => chooseNative('bundles')) : input.current?.click())}
      >
        {t('sync.import.choose')}
      </button>
      {error ? (
        <div className="banner banner-error" data-testid="sync-import-error">
          {error}
        </div>
      ) : null}
      {outcome ? <ImportOutcome outcome={outcome} testId="sync-import-outcome" /> : null}
    </section>
  );
}
