// Pure builders for demo records: no database, no ids, no clock. Customer #n depends only on the
// seed and n, so the same seed and size always give the same content, and a workspace of 1,000
// customers holds exactly the first 1,000 of the 1,000,000 one.
import type { CustomerCreateInput } from '../../src-shared/domain/customer';
import type { ContactCreateInput, EmployeeCreateInput } from '../../src-shared/domain/organisation';
import type { ColorLabel, CustomerClass, LifecycleStage } from '../../src-shared/domain/enums';
import {
  BRAND_FIRST,
  BRAND_SECOND,
  DOMAIN_SUFFIXES,
  FAIRS,
  INDIVIDUAL_INDUSTRIES,
  LEGAL_FORMS,
  PRODUCTS,
  SOURCES,
  TAGS,
  TRADES,
} from './data/companies';
import { DEPARTMENTS, EMPLOYEE_TITLES, ROOT_DEPARTMENT, type DepartmentKind } from './data/people';
import { CITY_WEIGHTS, shortProvince, type City } from './data/regions';
import { birthday, fill, freeMail, landline, latinOf, mobile, personName, serviceNumber, streetAddress } from './demo-details';
import { Rng } from './prng';

/** A department of the demo tree; `parent` is the index of an earlier department or null. */
export interface DemoDepartment {
  name: string;
  parent: number | null;
}

export type DemoContactValues = Omit<ContactCreateInput, 'customerId' | 'departmentId'>;

export interface DemoContact {
  /** Index into the tree's departments, or null for a contact outside any department. */
  department: number | null;
  values: DemoContactValues;
}

export interface DemoCustomerTree {
  /** Customer fields before validation; `ownerId` is filled in by the generator from `owner`. */
  customer: Omit<CustomerCreateInput, 'ownerId'>;
  /** Index into the generated employees, or null for a customer in the shared pool (公海). */
  owner: number | null;
  departments: DemoDepartment[];
  contacts: DemoContact[];
}

/** Stream used for our own staff; customers use streams 1…n, so the two never overlap. */
const EMPLOYEE_STREAM = 0x7fffffff;

export function demoEmployees(seed: number): EmployeeCreateInput[] {
  const rng = new Rng(seed, EMPLOYEE_STREAM);
  const count = rng.int(8, 20);
  const domain = `${latinOf(rng.pick(BRAND_FIRST) + rng.pick(BRAND_SECOND))}-crm.com`;
  const names = new Set<string>();
  const staff: EmployeeCreateInput[] = [];
  while (staff.length < count) {
    const name = personName(rng);
    if (names.has(name)) continue;
    names.add(name);
    staff.push({
      name,
      title: rng.weighted(EMPLOYEE_TITLES),
      mobile: mobile(rng),
      email: `${latinOf(name)}${names.size}@${domain}`,
      active: staff.length < count - 1 || rng.chance(0.5), // sometimes one has left the company
    });
  }
  return staff;
}

/** How many customers each employee tends to own: a few reps carry most accounts. */
export function ownerWeights(seed: number, count: number): number[] {
  const rng = new Rng(seed, EMPLOYEE_STREAM - 1);
  return Array.from({ length: count }, () => rng.int(1, 6));
}

export function customerCode(n: number): string {
  return `KH${String(n).padStart(7, '0')}`;
}

/** Customer #index (0-based) for a seed; `codeNumber` is the number in its KH code. */
export function demoCustomer(seed: number, index: number, codeNumber: number, owners: readonly (readonly [number, number])[]): DemoCustomerTree {
  const rng = new Rng(seed, index + 1);
  const city = rng.weighted(CITY_WEIGHTS);
  const individual = rng.chance(0.1);
  const tree = individual ? individualCustomer(rng, city) : companyCustomer(rng, city);
  Object.assign(tree.customer, classification(rng), {
    code: customerCode(codeNumber),
    province: city.province,
    city: city.city,
    district: rng.pick(city.districts),
    address: streetAddress(rng),
    source: rng.weighted(SOURCES),
    tags: rng.sample(
      TAGS,
      rng.weighted([
        [0, 40],
        [1, 35],
        [2, 18],
        [3, 7],
      ]),
    ),
  });
  tree.owner = owners.length > 0 && rng.chance(0.95) ? rng.weighted(owners) : null;
  if (rng.chance(0.35)) tree.customer.notes = customerNote(rng, tree);
  return tree;
}

function companyCustomer(rng: Rng, city: City): DemoCustomerTree {
  const trade = rng.pick(TRADES);
  const first = rng.pick(BRAND_FIRST);
  let second = rng.pick(BRAND_SECOND);
  if (second === first) second = rng.pick(BRAND_SECOND);
  const brand = first + second;
  const region = rng.weighted([
    [city.shortCity, 50],
    [city.city, 12],
    [shortProvince(city.province), 15],
    ['', 23],
  ]);
  const name = region + brand + trade.word + rng.weighted(LEGAL_FORMS);
  const shortName = rng.chance(0.6) ? brand + trade.word.slice(0, 2) : city.shortCity + brand;
  const domainTag = rng.weighted([
    [`-${trade.tag}`, 40],
    [trade.tag, 25],
    [latinOf(city.shortCity).slice(0, 2), 15],
    ['', 20],
  ]);
  const domain = `${latinOf(brand)}${domainTag}${rng.weighted(DOMAIN_SUFFIXES)}`;

  const phones = [landline(rng, city)];
  if (rng.chance(0.2)) phones.push(landline(rng, city));
  if (rng.chance(0.1)) phones.push(serviceNumber(rng));
  if (rng.chance(0.15)) phones.push(mobile(rng));

  const departments = departmentTree(rng);
  const contacts = companyContacts(rng, city, departments, domain);
  return {
    customer: {
      name,
      shortName,
      kind: 'company',
      industry: trade.industry,
      phones,
      email: rng.chance(0.6) ? `${rng.pick(['info', 'sales', 'service', 'contact', 'admin', 'market'])}@${domain}` : null,
      website: rng.chance(0.55) ? `${rng.chance(0.3) ? 'https://' : ''}www.${domain}` : null,
    },
    owner: null,
    departments: departments.map(({ name: n, parent }) => ({ name: n, parent })),
    contacts,
  };
}

function individualCustomer(rng: Rng, city: City): DemoCustomerTree {
  const name = personName(rng);
  const phones = [mobile(rng)];
  if (rng.chance(0.2)) phones.push(landline(rng, city));
  return {
    customer: {
      name,
      kind: 'individual',
      industry: rng.pick(INDIVIDUAL_INDUSTRIES),
      phones,
      email: rng.chance(0.4) ? freeMail(rng, name) : null,
    },
    owner: null,
    departments: [],
    contacts: [],
  };
}

interface TreeNode extends DemoDepartment {
  kind: DepartmentKind;
}

/** 总经办 plus one to four departments, some with a sub-department: two to six in all. */
function departmentTree(rng: Rng): TreeNode[] {
  const nodes: TreeNode[] = [{ name: ROOT_DEPARTMENT.name, parent: null, kind: ROOT_DEPARTMENT }];
  for (const kind of rng.sample(
    DEPARTMENTS,
    rng.weighted([
      [1, 30],
      [2, 35],
      [3, 25],
      [4, 10],
    ]),
  )) {
    // Most small companies report straight to the general manager; some keep departments side by side.
    const parent = rng.chance(0.8) ? 0 : null;
    nodes.push({ name: kind.name, parent, kind });
    if (kind.children && rng.chance(0.2)) {
      nodes.push({ name: rng.pick(kind.children), parent: nodes.length - 1, kind });
    }
  }
  return nodes;
}

function companyContacts(rng: Rng, city: City, departments: readonly TreeNode[], domain: string): DemoContact[] {
  const count = rng.weighted([
    [1, 30],
    [2, 35],
    [3, 22],
    [4, 13],
  ]);
  const contacts: DemoContact[] = [];
  for (let i = 0; i < count; i += 1) {
    // The first contact is the key person: the boss or the buyer.
    const department = i === 0 && rng.chance(0.6) ? 0 : rng.int(0, departments.length - 1);
    const node = departments[department] ?? departments[0];
    const name = personName(rng);
    const values: DemoContactValues = {
      name,
      title: node ? rng.pick(node.kind.titles) : null,
      mobile: rng.chance(0.92) ? mobile(rng) : null,
      phone: rng.chance(0.35) ? landline(rng, city, rng.chance(0.3)) : null,
      email: rng.chance(0.7) ? (rng.chance(0.6) ? `${latinOf(name) || 'contact'}@${domain}` : freeMail(rng, name)) : null,
      birthday: rng.chance(0.55) ? birthday(rng) : null,
      notes: rng.chance(0.15) ? rng.pick(CONTACT_NOTES) : null,
    };
    contacts.push({ department: rng.chance(0.95) ? department : null, values });
  }
  return contacts;
}

/** Class drives the rest: A accounts are old, close and green; D accounts are often prospects. */
function classification(rng: Rng): {
  customerClass: CustomerClass | null;
  lifecycle: LifecycleStage;
  relationshipLevel: number | null;
  colorLabel: ColorLabel | null;
} {
  const customerClass = rng.weighted<CustomerClass | null>([
    ['A', 6],
    ['B', 16],
    ['C', 34],
    ['D', 34],
    [null, 10],
  ]);
  const lifecycle = rng.weighted<LifecycleStage>(
    customerClass === 'A' || customerClass === 'B'
      ? [
          ['repeat', 70],
          ['new', 15],
          ['dormant', 10],
          ['lost', 5],
        ]
      : [
          ['prospect', 35],
          ['new', 18],
          ['repeat', 27],
          ['dormant', 12],
          ['lost', 8],
        ],
  );
  const relationshipLevel = rng.weighted<number | null>(
    customerClass === 'A'
      ? [
          [4, 30],
          [3, 50],
          [2, 20],
        ]
      : [
          [1, 40],
          [2, 30],
          [3, 12],
          [4, 3],
          [null, 15],
        ],
  );
  const colorLabel = rng.weighted<ColorLabel | null>(
    lifecycle === 'dormant' || lifecycle === 'lost'
      ? [
          ['red', 30],
          ['yellow', 40],
          [null, 30],
        ]
      : [
          [null, 60],
          ['green', 22],
          ['yellow', 10],
          ['red', 3],
          ['blue', 3],
          ['purple', 1],
          ['gray', 1],
        ],
  );
  return { customerClass, lifecycle, relationshipLevel, colorLabel };
}

const CUSTOMER_NOTES = [
  '{month}月在{fair}上认识，对{product}感兴趣。',
  '年采购额约{amount}万元，付款及时。',
  '需要每季度回访一次，下次重点介绍{product}。',
  '老板姓{surname}，喜欢喝茶，拜访时带些茶叶。',
  '竞争对手报价低约{percent}%，需准备比价材料。',
  '{month}月份有新项目招标，提前准备资料。',
  '账期{days}天，注意跟进回款。',
  '由{surname}总介绍，关系较好。',
];

const CONTACT_NOTES = ['决策人', '关键联系人', '技术把关', '对价格敏感', '周末不接电话', '老乡', '爱好高尔夫', '喜欢喝茶', '新上任，需建立关系'];

function customerNote(rng: Rng, tree: DemoCustomerTree): string {
  const boss = tree.contacts[0]?.values.name ?? tree.customer.name;
  return fill(rng.pick(CUSTOMER_NOTES), {
    month: rng.int(1, 12),
    fair: rng.pick(FAIRS),
    product: rng.pick(PRODUCTS),
    amount: rng.int(5, 800),
    surname: boss.slice(0, 1),
    percent: rng.int(3, 20),
    days: rng.pick([30, 45, 60, 90]),
  });
}
