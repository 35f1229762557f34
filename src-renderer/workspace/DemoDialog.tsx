import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { FormField } from '../components/FormField';
import { startDemo } from './workspace-actions';
import { useWorkspaceDialogs } from './workspace-store';

const PRESETS = [100, 1_000, 10_000, 100_000, 1_000_000];

/** Asks how many demo customers and which seed, then starts the job. */
export function DemoDialog() {
  const { t } = useTranslation();
  const open = useWorkspaceDialogs((s) => s.demoOpen);
  const setOpen = useWorkspaceDialogs((s) => s.setDemoOpen);
  const [customers, setCustomers] = useState('1000');
  const [seed, setSeed] = useState('42');
  if (!open) return null;
  const n = Number(customers);
  const s = Number(seed);
  const nError = !Number.isInteger(n) || n < 1 || n > 1_000_000 ? 'range' : undefined;
  const sError = !Number.isInteger(s) || s < 0 || s > 2 ** 31 ? 'range' : undefined;
  const close = () => setOpen(false);
  const start = () => {
    if (nError || sError) return;
    close();
    void startDemo(n, s);
  };
  return (
    <Dialog
      title={t('demo.title')}
      testId="demo-dialog"
      onClose={close}
      width={460}
      footer={
        <>
          <button type="button" data-testid="demo-cancel" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid="demo-start" disabled={Boolean(nError || sError)} onClick={start}>
            {t('demo.start')}
          </button>
        </>
      }
    >
      <p className="muted">{t('demo.hint')}</p>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <FormField label={t('demo.customers')} error={nError} errorTestId="demo-customers-error">
          <input type="number" min={1} max={1000000} value={customers} data-testid="demo-customers" onChange={(e) => setCustomers(e.target.value)} />
        </FormField>
        <FormField label={t('demo.seed')} error={sError} errorTestId="demo-seed-error">
          <input type="number" min={0} value={seed} data-testid="demo-seed" onChange={(e) => setSeed(e.target.value)} />
        </FormField>
        <div className="presets wide">
          {PRESETS.map((p) => (
            <button key={p} type="button" className="chip-button" data-testid={`demo-preset-${p}`} onClick={() => setCustomers(String(p))}>
              {p.toLocaleString()}
            </button>
          ))}
        </div>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
