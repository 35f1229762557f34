import { describe, expect, it } from 'vitest';
import { customerCreateInput } from '../../../src-shared/domain/customer';
import { contactCreateInput, employeeCreateInput } from '../../../src-shared/domain/organisation';
import { isValidPhone } from '../../../src-shared/validation/contact-formats';
import { CITIES } from '../../../src-main/demo/data/regions';
import { customerCode, demoCustomer, demoEmployees } from '../../../src-main/demo/demo-records';

const owners = [
  [0, 1],
  [1, 3],
] as const;
const sample = (seed: number, n: number) => Array.from({ length: n }, (_, i) => demoCustomer(seed, i, i + 1, owners));

describe('demo records', () => {
  it('are a pure function of seed and index', () => {
    expect(sample(11, 200)).toEqual(sample(11, 200));
    expect(demoEmployees(11)).toEqual(demoEmployees(11));
    expect(sample(12, 50)).not.toEqual(sample(11, 50));
    // Customer #n does not depend on how many are generated.
    expect(demoCustomer(11, 150, 151, owners)).toEqual(sample(11, 200)[150]);
  });

  it('pass the contract schemas', () => {
    for (const tree of sample(3, 2000)) {
      expect(customerCreateInput.safeParse({ ...tree.customer, ownerId: null }).success).toBe(true);
      for (const c of tree.contacts) {
        const parsed = contactCreateInput.safeParse({ ...c.values, customerId: '0123456789', departmentId: null });
        expect(parsed.success, JSON.stringify(c.values)).toBe(true);
      }
      for (const d of tree.departments) if (d.parent !== null) expect(d.parent).toBeLessThan(tree.departments.indexOf(d));
    }
    const staff = demoEmployees(3);
    expect(staff.length).toBeGreaterThanOrEqual(8);
    expect(staff.length).toBeLessThanOrEqual(20);
    for (const e of staff) expect(employeeCreateInput.safeParse(e).success).toBe(true);
  });

  it('look like Chinese SME data: company names, area codes, codes, class skew', () => {
    const trees = sample(8, 3000);
    const companies = trees.filter((t) => t.customer.kind === 'company');
    const people = trees.filter((t) => t.customer.kind === 'individual');
    expect(people.length).toBeGreaterThan(150);
    expect(people.length).toBeLessThan(500);
    for (const t of companies) {
      expect(t.customer.name).toMatch(/(公司|厂|商行|经营部)$/);
      expect(t.departments[0]?.name).toBe('总经办');
      expect(t.contacts.length).toBeGreaterThanOrEqual(1);
      expect(t.contacts.length).toBeLessThanOrEqual(4);
      const city = CITIES.find((c) => c.city === t.customer.city && c.province === t.customer.province);
      expect(city?.districts).toContain(t.customer.district);
      const landlines = (t.customer.phones ?? []).filter((p) => p.startsWith('0'));
      for (const p of landlines) expect(p.startsWith(`${city?.areaCode}-`)).toBe(true);
      for (const p of t.customer.phones ?? []) expect(isValidPhone(p)).toBe(true);
    }
    for (const t of people) expect(t.contacts).toEqual([]);
    const classes = trees.map((t) => t.customer.customerClass);
    const share = (c: string) => classes.filter((x) => x === c).length / classes.length;
    expect(share('A')).toBeLessThan(share('B'));
    expect(share('B')).toBeLessThan(share('C'));
    expect(trees.map((t) => t.customer.code)).toEqual(trees.map((_, i) => customerCode(i + 1)));
    expect(customerCode(123)).toBe('KH0000123');
  });
});
