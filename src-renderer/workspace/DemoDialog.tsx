import { useState } from 'react';
import { useApp } from '../app/app-store';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { FormField } from '../components/FormField';
import { startDemo } from './workspace-actions';
import { useWorkspaceDialogs, type DemoTarget } from './workspace-store';

const PRESETS = [100, 1_000, 10_000, 100_000, 1_000_000];

/** Asks where demo data goes (a new demo workspace unless the user says otherwise), how much, which seed; then starts the job. */
export function DemoDialog() {
  const { t } = useTranslation();
  const open = useWorkspaceDialogs((s) => s.demoOpen);
  const setOpen = useWorkspaceDialogs((s) => s.setDemoOpen);
  const initialTarget = useWorkspaceDialogs((s) => s.demoTarget);
  const currentCount = useApp((s) => s.workspace?.customerCount ?? 0);
  const [customers, setCustomers] = useState('1000');
  const [seed, setSeed] = useState('42');
  const [orders, setOrders] = useState('5');
  // The choice the dialog was opened with (the welcome panel, the menu), until the user picks another.
  const [picked, setPicked] = useState<{ target: DemoTarget; for: DemoTarget } | null>(null);
  const target = picked?.for === initialTarget ? picked.target : initialTarget;
  const setTarget = (next: DemoTarget) => setPicked({ target: next, for: initialTarget });
  if (!open) return null;
  const n = Number(customers);
  const s = Number(seed);
  const k = Number(orders);
  const nError = !Number.isInteger(n) || n < 1 || n > 1_000_000 ? 'range' : undefined;
  const sError = !Number.isInteger(s) || s < 0 || s > 2 ** 31 ? 'range' : undefined;
  const kError = !Number.isInteger(k) || k < 0 || k > 100 ? 'range' : undefined;
  const invalid = Boolean(nError || sError || kError);
  const close = () => {
    setPicked(null);
    setOpen(false);
  };
  const start = () => {
    if (invalid) return;
    close();
    void startDemo(n, s, k, target);
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
          <button type="button" className="primary" data-testid="demo-start" disabled={invalid} onClick={start}>
            {t('demo.start')}
          </button>
        </>
      }
    >
      <p className="muted">{t('demo.hint')}</p>
      <fieldset className="demo-targets">
        <label>
          <input
            type="radio"
            name="demo-target"
            data-testid="demo-target-new"
            checked={target === 'newWorkspace'}
            onChange={() => setTarget('newWorkspace')}
          />
          <span>
            <strong>{t('demo.targetNew')}</strong>
            <span className="muted">{t('demo.targetNewHint')}</span>
          </span>
        </label>
        <label>
          <input
            type="radio"
            name="demo-target"
            data-testid="demo-target-current"
            checked={target === 'current'}
            onChange={() => setTarget('current')}
          />
          <span>
            <strong>{t('demo.targetCurrent')}</strong>
            <span className="muted">{t('demo.targetCurrentHint')}</span>
          </span>
        </label>
        {target === 'current' && currentCount > 0 ? (
          <p className="warning-text" data-testid="demo-target-warning">
            {t('demo.targetCurrentWarning', { n: currentCount.toLocaleString() })}
          </p>
        ) : null}
      </fieldset>
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
        <FormField label={t('demo.ordersPerCustomer')} error={kError} errorTestId="demo-orders-error">
          <input type="number" min={0} max={100} value={orders} data-testid="demo-orders" onChange={(e) => setOrders(e.target.value)} />
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
