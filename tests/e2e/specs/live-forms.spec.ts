import { AnalysisPage } from '../pages/analysis-page';
import { QueryBuilderPage } from '../pages/query-builder-page';
import { expect, test } from '../support/fixtures';

// Screens that read with useData (src-renderer/api/use-data.ts) follow what another session writes,
// and forms that edit what they read keep the user's edits until they are saved: the simple query
// form and its settings, the grouped totals of a query, the classification schemes and the
// lifecycle rules.

test('查询: the simple form follows its settings saved here and elsewhere, typed values survive a re-read of the same form', async ({ app, api }) => {
  const qb = new QueryBuilderPage(app);
  await qb.open();
  const defaults = await api<{ fields: { field: string; operator: string }[] }>('queryForms.get', { entity: 'customer' });

  // 配置查询条件: one more field, saved here.
  await app.getByTestId('query-tab-forms').click();
  const settings = app.getByTestId('query-form-settings');
  await expect(settings.getByTestId('form-config-row')).toHaveCount(defaults.fields.length);
  await settings.getByTestId('form-config-add').click();
  await expect(settings.getByTestId('form-config-row')).toHaveCount(defaults.fields.length + 1);
  await settings.getByTestId('form-config-save').click();
  await expect
    .poll(async () => (await api<{ fields: unknown[] }>('queryForms.get', { entity: 'customer' })).fields.length)
    .toBe(defaults.fields.length + 1);

  // The simple form shows it; a value typed there stays when the same form is saved again elsewhere.
  await app.getByTestId('query-tab-simple').click();
  const form = app.getByTestId('simple-query-form');
  await expect(form.getByTestId('simple-field')).toHaveCount(defaults.fields.length + 1);
  const name = form.locator('[data-testid=simple-field][data-field=name]').getByTestId('qb-value');
  await name.fill('贸易');
  const saved = await api<{ fields: { field: string; operator: string }[] }>('queryForms.get', { entity: 'customer' });
  await api('queryForms.save', { entity: 'customer', fields: saved.fields });
  // The re-read comes 50 ms after the event; nothing on screen marks it, so give it time.
  await app.waitForTimeout(500);
  await expect(name).toHaveValue('贸易');

  // Another session changes the form: the simple form follows, its values start empty.
  await api('queryForms.save', { entity: 'customer', fields: [{ field: 'name', operator: 'contains' }] });
  await expect(form.getByTestId('simple-field')).toHaveCount(1);
  await expect(name).toHaveValue('');
});

test('查询: the grouped totals follow customers written elsewhere', async ({ app, api }) => {
  await api('customers.create', { values: { name: '无锡精工机械有限公司', customerClass: 'A' } });
  await api('customers.create', { values: { name: '常熟纺织有限公司', customerClass: 'B' } });
  const qb = new QueryBuilderPage(app);
  await qb.open();
  await app.getByTestId('qb-run').click();
  await qb.showGroups();
  await expect(qb.groupRow('A')).toHaveAttribute('data-count', '1');
  await expect(app.getByTestId('group-total')).toHaveAttribute('data-count', '2');

  await api('customers.create', { values: { name: '昆山电子有限公司', customerClass: 'A' } });
  await expect(qb.groupRow('A')).toHaveAttribute('data-count', '2');
  await expect(app.getByTestId('group-total')).toHaveAttribute('data-count', '3');
});

test('客户分类: schemes and lifecycle rules saved elsewhere show; edits in progress are kept', async ({ app, api }) => {
  const analysis = new AnalysisPage(app);
  await analysis.open();
  await analysis.openClassification();
  const days = app.getByTestId('lifecycle-newWithinDays');
  await expect(days).toHaveValue('90');

  const scheme = {
    name: '贡献度',
    setsCustomerClass: false,
    definition: {
      classes: [
        { key: 'A', label: 'A' },
        { key: 'B', label: 'B' },
      ],
      windowDays: 365,
      method: { kind: 'contribution', metric: 'revenue', cuts: [0.8, 1] },
    },
  };
  await api('classification.save', scheme);
  await expect(app.locator('[data-testid=scheme-item][data-name="贡献度"]')).toBeVisible();

  // Untouched rules follow a save elsewhere …
  await api('lifecycle.saveRules', { rules: { newWithinDays: 60, dormantAfterDays: 180, lostAfterDays: 365 } });
  await expect(days).toHaveValue('60');
  // … rules being edited here are the user's until saved.
  await days.fill('45');
  await api('lifecycle.saveRules', { rules: { newWithinDays: 30, dormantAfterDays: 180, lostAfterDays: 365 } });
  // A scheme saved after the rules: once the list shows it, the rules' re-read has been answered too.
  await api('classification.save', { ...scheme, name: '贡献度二' });
  await expect(app.locator('[data-testid=scheme-item][data-name="贡献度二"]')).toBeVisible();
  await app.waitForTimeout(200);
  await expect(days).toHaveValue('45');
  await app.getByTestId('lifecycle-save').click();
  await expect.poll(async () => (await api<{ newWithinDays: number }>('lifecycle.rules', {})).newWithinDays).toBe(45);
});
