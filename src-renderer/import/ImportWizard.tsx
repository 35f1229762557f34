import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from '../api/client';
import { Dialog } from '../components/Dialog';
import { closeImportWizard, handleImportEvent, mappingProblem, startCheck, startRun } from './import-actions';
import { STEPS, useImport, type ImportStep } from './import-store';
import { StepCheck } from './StepCheck';
import { StepFile } from './StepFile';
import { StepMapping } from './StepMapping';
import { StepRun } from './StepRun';
import { StepSource } from './StepSource';
import './import.css';

/** 导入向导: file → how to read it → column mapping → check (dry run) → import. */
export function ImportWizard() {
  const open = useImport((s) => s.open);
  return open ? <WizardBody /> : null;
}

function WizardBody() {
  const { t } = useTranslation();
  const step = useImport((s) => s.step);
  const error = useImport((s) => s.error);
  const set = useImport((s) => s.set);
  useEffect(() => onEvent(handleImportEvent), []);
  const index = STEPS.indexOf(step);

  return (
    <Dialog
      title={t('imp.title')}
      testId="import-wizard"
      onClose={closeImportWizard}
      width={980}
      footer={<WizardFooter step={step} go={(next) => set({ step: next, error: null })} />}
    >
      <ol className="import-steps" data-testid="import-steps" data-step={step}>
        {STEPS.map((s, i) => (
          <li key={s} data-testid={`import-step-tab-${s}`} className={i === index ? 'current' : i < index ? 'done' : ''}>
            <span className="import-step-no">{i + 1}</span>
            {t(`imp.step.${s}`)}
          </li>
        ))}
      </ol>
      {error ? (
        <div className="banner banner-error" data-testid="import-error">
          {error}
        </div>
      ) : null}
      {step === 'file' ? <StepFile /> : null}
      {step === 'source' ? <StepSource /> : null}
      {step === 'mapping' ? <StepMapping /> : null}
      {step === 'check' ? <StepCheck /> : null}
      {step === 'run' ? <StepRun /> : null}
    </Dialog>
  );
}

function WizardFooter({ step, go }: { step: ImportStep; go(step: ImportStep): void }) {
  const { t } = useTranslation();
  const inspection = useImport((s) => s.inspection);
  const busy = useImport((s) => s.busy);
  const job = useImport((s) => s.job);
  const report = useImport((s) => s.report);
  const result = useImport((s) => s.result);
  const blocked = useImport((s) => mappingProblem(s) !== null);
  const back: Partial<Record<ImportStep, ImportStep>> = { source: 'file', mapping: 'source', check: 'mapping', run: 'check' };
  const prev = back[step];
  const finished = step === 'run' && result !== null;

  const next = () => {
    if (step === 'file') go('source');
    else if (step === 'source') go('mapping');
    else if (step === 'mapping') {
      go('check');
      void startCheck();
    } else if (step === 'check') {
      go('run');
      void startRun();
    }
  };
  const nextLabel: Partial<Record<ImportStep, string>> = { mapping: t('imp.nav.check'), check: t('imp.nav.run') };
  const nextDisabled = busy || job !== null || !inspection || (step === 'mapping' && blocked) || (step === 'check' && report === null);

  return (
    <div className="import-footer">
      {finished ? (
        <button type="button" className="primary" data-testid="import-done" onClick={closeImportWizard}>
          {t('imp.nav.done')}
        </button>
      ) : (
        <>
          <button type="button" data-testid="import-close" disabled={job !== null} onClick={closeImportWizard}>
            {t('imp.nav.close')}
          </button>
          <span className="import-footer-gap" />
          {prev ? (
            <button type="button" data-testid="import-back" disabled={job !== null} onClick={() => go(prev)}>
              {t('imp.nav.back')}
            </button>
          ) : null}
          {step !== 'run' ? (
            <button type="button" className="primary" data-testid="import-next" disabled={nextDisabled} onClick={next}>
              {nextLabel[step] ?? t('imp.nav.next')}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
