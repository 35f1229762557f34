import { expect, type Locator, type Page } from '@playwright/test';

/** 生成演示数据: where to, how many customers and orders, which seed. */
export class DemoDialog {
  readonly root: Locator;
  readonly customers: Locator;
  readonly seed: Locator;
  readonly start: Locator;
  readonly cancel: Locator;
  readonly orders: Locator;
  readonly targetNew: Locator;
  readonly targetCurrent: Locator;
  readonly targetWarning: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('demo-dialog');
    this.orders = page.getByTestId('demo-orders');
    this.targetNew = page.getByTestId('demo-target-new');
    this.targetCurrent = page.getByTestId('demo-target-current');
    this.targetWarning = page.getByTestId('demo-target-warning');
    this.customers = page.getByTestId('demo-customers');
    this.seed = page.getByTestId('demo-seed');
    this.start = page.getByTestId('demo-start');
    this.cancel = page.getByTestId('demo-cancel');
  }

  /**
   * Fills the form and starts the job; returns the progress dialog, which is then showing. Where the
   * data goes is always chosen by the test, as the user must: a new demo workspace or the open one.
   */
  async generate(customers: number, seed: number, target: 'newWorkspace' | 'current', ordersPerCustomer = 0): Promise<JobProgress> {
    await (target === 'newWorkspace' ? this.targetNew : this.targetCurrent).check();
    await this.customers.fill(String(customers));
    await this.orders.fill(String(ordersPerCustomer));
    await this.seed.fill(String(seed));
    await this.start.click();
    await expect(this.root).toBeHidden();
    const job = new JobProgress(this.page);
    await expect(job.root).toBeVisible();
    return job;
  }
}

/** The progress dialog of a running job. */
export class JobProgress {
  readonly root: Locator;
  readonly bar: Locator;
  readonly cancel: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('job-progress');
    this.bar = page.getByTestId('job-progress-bar');
    this.cancel = page.getByTestId('job-cancel');
    this.error = page.getByTestId('job-error');
  }

  async done(): Promise<number> {
    return Number((await this.bar.getAttribute('data-done', { timeout: 2_000 })) ?? 'NaN');
  }

  async total(): Promise<number> {
    return Number((await this.bar.getAttribute('data-total', { timeout: 2_000 })) ?? 'NaN');
  }

  /** Waits until the job reports at least `n` customers done (the dialog stays open meanwhile). */
  async waitForProgress(n: number, timeout = 30_000): Promise<void> {
    await expect.poll(() => this.done(), { timeout, message: `job progress ≥ ${n}` }).toBeGreaterThanOrEqual(n);
  }

  async waitUntilClosed(timeout = 60_000): Promise<void> {
    await expect(this.root).toBeHidden({ timeout });
  }
}
