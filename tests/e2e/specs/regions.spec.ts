import { CustomerCardPage } from '../pages/customer-card-page';
import { expect, test } from '../support/fixtures';

// 省 / 市 / 区 are picked from the national division list (GB/T 2260), each level listing the
// divisions of the one above; what is stored is the list's name, and the field can be cleared.

test('picking 省 → 市 → 区 on a card stores the division names; 直辖市 choose their city; clearing works', async ({ api, customers, card }) => {
  await customers.newCustomer();
  await card.fill({ name: '深圳市南山科技有限公司' });

  await test.step('the city list follows the province, the district list follows the city', async () => {
    await expect(card.field('city')).toBeDisabled();
    await card.pickRegion('province', '广东省');
    await expect(card.field('city').locator('option', { hasText: '深圳市' })).toHaveCount(1);
    await expect(card.field('city').locator('option', { hasText: '杭州市' })).toHaveCount(0);
    await card.pickRegion('city', '深圳市');
    await card.pickRegion('district', '南山区');
    await card.save();
    await expect(card.root).not.toHaveAttribute('data-customer-id', '');
    await expect(card.field('district')).toHaveValue('南山区');
  });
  const id = await card.customerId();
  expect((await api('customers.get', { id })).customer).toMatchObject({ province: '广东省', city: '深圳市', district: '南山区' });

  await test.step('another province clears the city and district; 上海市 has one city, chosen for the user', async () => {
    await card.pickRegion('province', '上海市');
    await expect(card.field('city')).toHaveValue('上海市');
    await expect(card.field('district')).toHaveValue('');
    await card.pickRegion('district', '浦东新区');
    await card.save();
    await expect.poll(async () => (await api('customers.get', { id })).customer.district).toBe('浦东新区');
    expect((await api('customers.get', { id })).customer).toMatchObject({ province: '上海市', city: '上海市' });
  });

  await test.step('the empty choice clears the region', async () => {
    await card.pickRegion('province', '');
    await expect(card.field('city')).toHaveValue('');
    await card.save();
    await expect.poll(async () => (await api('customers.get', { id })).customer.province).toBeNull();
    expect((await api('customers.get', { id })).customer).toMatchObject({ city: null, district: null });
  });
});

test('a value outside the list stays shown until another is picked; a typed 广东 is stored as 广东省', async ({ app, api, card }) => {
  const c = await api('customers.create', { values: { name: '华南贸易行', province: '华南', city: '深圳' } });
  // Through the service: the unknown province is kept as written, the city is mapped.
  expect([c.province, c.city]).toEqual(['华南', '深圳市']);
  await new CustomerCardPage(app).open(c.name);
  await card.expectOpen(c.id, c.name);
  await expect(card.field('province')).toHaveValue('华南');
  await expect(card.field('province')).toHaveAttribute('data-listed', 'no');
  await card.pickRegion('province', '广东省');
  // 深圳市 belongs to 广东省, so it stays.
  await expect(card.field('city')).toHaveValue('深圳市');
  await card.save();
  await expect.poll(async () => (await api('customers.get', { id: c.id })).customer.province).toBe('广东省');
  await expect(card.field('province')).toHaveAttribute('data-listed', 'yes');

  const typed = await api('customers.update', { id: c.id, patch: { province: '广东', city: null } });
  expect(typed.province).toBe('广东省');
});
