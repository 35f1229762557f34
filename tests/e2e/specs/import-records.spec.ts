import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { CustomerCardPage } from '../pages/customer-card-page';
import { ImportWizard } from '../pages/import-wizard';
import { expect, test } from '../support/fixtures';

interface Created {
  id: string;
}
interface FieldRow {
  label: string;
  columnName: string;
}

test('imports 客户回访 records from a GBK csv into the business type and shows them on the customer card', async ({ app, api, frame, tempDir }) => {
  const customer = await api<Created>('customers.create', { values: { name: '宁波港务贸易有限公司', code: 'C-001' } });
  await api('customers.create', { values: { name: '温州鞋业有限公司', code: 'C-002' } });
  const type = await api<Created>('businessTypes.createFromTemplate', { template: 'visit' });
  const fields = await api<FieldRow[]>('fields.list', { entity: 'record', businessTypeId: type.id });
  const column = (label: string) => fields.find((f) => f.label === label)?.columnName ?? '';
  await frame.expectCustomerCount(2);

  const file = join(tempDir, '客户回访.csv');
  writeFileSync(
    file,
    iconv.encode(
      [
        '客户名称,标题,状态,回访日期,回访方式,回访结果',
        '宁波港务贸易有限公司,季度回访,已完成,2026/5/1,电话,对报关时效满意',
        '宁波港务贸易有限公司,续约回访,计划中,2026年6月1日,视频,',
        '温州鞋业有限公司,新品推介,已完成,2026-05-20,上门,订了样品',
        '不存在的公司,首次回访,计划中,2026-05-21,电话,',
      ].join('\r\n'),
      'gbk',
    ),
  );

  const wizard = new ImportWizard(app);
  await wizard.open();
  await wizard.chooseTarget('records');
  await wizard.chooseBusinessType('客户回访');
  await wizard.chooseFile(file, '客户回访.csv');
  await wizard.next('source');
  await wizard.next('mapping');
  // The type's own fields are offered and matched by their labels; 状态 goes to the workflow.
  await expect(wizard.mappingSelect(0)).toHaveValue('customer');
  await expect(wizard.mappingSelect(2)).toHaveValue('status');
  await expect(wizard.mappingSelect(3)).toHaveValue(`custom:${column('回访日期')}`);
  await expect(wizard.mappingSelect(4)).toHaveValue(`custom:${column('回访方式')}`);
  await wizard.check();
  await expect(wizard.counts).toHaveAttribute('data-invalid', '2');
  await expect(wizard.problem(5, 'notFound')).toBeVisible();
  await expect(wizard.problem(3, 'unknownOption')).toBeVisible();

  // 视频 is not an option of 回访方式: decide it is 微信, check again.
  await wizard.decideOption(`custom:${column('回访方式')}`, '视频', '微信');
  await wizard.recheck();
  await expect(wizard.counts).toHaveAttribute('data-invalid', '1');
  await expect(app.getByTestId('import-preview-row')).toHaveCount(3);
  await wizard.setMode('validRows');
  await wizard.run();
  await wizard.expectWritten({ inserted: 3, updated: 0, skipped: 1 });
  await app.getByTestId('import-done').click();

  const card = new CustomerCardPage(app);
  await card.open('宁波港务贸易有限公司');
  await card.tabByLabel('客户回访').click();
  await expect(card.panel.getByTestId('record-row')).toHaveCount(2);
  await expect(card.panel.getByTestId('record-row').filter({ hasText: '季度回访' })).toContainText('已完成');
  await expect(card.panel.getByTestId('record-row').filter({ hasText: '续约回访' })).toContainText('微信');

  const history = await api<{ entity: string; source: string | null }[]>('customers.history', { id: customer.id });
  expect(history.find((h) => h.entity === 'businessRecord')?.source).toBe('import:客户回访.csv');
});
