// Pure builders for what follows an order in demo data: receipts (回款) against the orders, and
// business records — sales opportunities (销售机会跟踪) and follow-up visits (客户回访) — so the
// receivables, business summary and the card's 回款 / 业务 tabs show something. Like the orders,
// customer #n's follow-ups depend only on the seed, n and the last day of the history.
import type { CustomerClass, LifecycleStage } from '../../src-shared/domain/enums';
import { Rng } from './prng';

/** Streams of their own, so adding follow-ups changed none of the customers or orders of a seed. */
const RECEIPT_SEED_MIX = 0x2f6b1c93;
const RECORD_SEED_MIX = 0x6c8e9cf5;

/** The business-type templates the demo fills, by the labels of their fields. */
export const DEMO_RECORD_TEMPLATES = ['opportunity', 'visit'] as const;
export type DemoRecordTemplate = (typeof DEMO_RECORD_TEMPLATES)[number];

export interface DemoReceipt {
  /** Index into the customer's orders. */
  order: number;
  receiptDate: string;
  amountFen: number;
  method: string;
  notes: string | null;
}

export interface DemoRecord {
  template: DemoRecordTemplate;
  title: string;
  status: string;
  /** Index into the customer's contacts, or null. */
  contact: number | null;
  /** Custom values by the template field's label (money in fen, percent in basis points, dates YYYY-MM-DD, options by label). */
  values: Record<string, string | number>;
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const minDate = (a: string, b: string) => (a < b ? a : b);

const METHODS: [string, number][] = [
  ['银行转账', 60],
  ['承兑汇票', 10],
  ['微信', 9],
  ['支付宝', 7],
  ['支票', 7],
  ['现金', 7],
];

/**
 * Receipts for a customer's orders: most completed orders are paid in full (some in two parts,
 * a deposit and the rest), some are still partly open; shipped and confirmed ones may carry a
 * deposit; drafts and cancelled orders are not paid. Never dated after `until`.
 */
export function demoReceipts(c: {
  seed: number;
  index: number;
  until: string;
  orders: readonly { orderDate: string; status: string; totalFen: number }[];
}): DemoReceipt[] {
  const rng = new Rng((c.seed ^ RECEIPT_SEED_MIX) >>> 0, c.index + 1);
  const out: DemoReceipt[] = [];
  c.orders.forEach((o, order) => {
    if (o.totalFen <= 0 || o.status === 'draft' || o.status === 'cancelled') return;
    const method = rng.weighted(METHODS);
    // A part is rounded to the yuan; the whole (or the rest after a deposit) is exact to the fen.
    const part = (share: number) => Math.min(o.totalFen, Math.round((o.totalFen * share) / 100) * 100);
    const pay = (amountFen: number, after: number, notes: string | null) => {
      if (amountFen > 0) out.push({ order, receiptDate: minDate(addDays(o.orderDate, after), c.until), amountFen, method, notes });
    };
    if (o.status === 'completed') {
      const kind = rng.weighted<'full' | 'twoParts' | 'partly'>([
        ['full', 70],
        ['twoParts', 20],
        ['partly', 10],
      ]);
      if (kind === 'full') pay(o.totalFen, rng.int(0, 60), null);
      else if (kind === 'twoParts') {
        const deposit = part(rng.pick([0.3, 0.3, 0.5]));
        pay(deposit, rng.int(0, 5), '预付款');
        pay(o.totalFen - deposit, rng.int(20, 90), '尾款');
      } else pay(part(rng.pick([0.3, 0.5, 0.8])), rng.int(5, 60), '部分回款');
    } else if (rng.chance(o.status === 'shipped' ? 0.6 : 0.35)) pay(part(rng.pick([0.3, 0.5])), rng.int(0, 5), '预付款');
  });
  return out;
}

const OPPORTUNITY_TITLES = ['{product}采购项目', '{year}年度框架协议', '{product}替换升级', '新产线配套{product}', '{product}年度备货'];
const COMPETITORS = ['本地经销商', '华东同类厂家', '进口品牌代理', '原供应商', '网上直采'];
const VISIT_TOPICS = ['使用情况', '售后回访', '新品介绍', '续约沟通', '回款沟通', '满意度了解'];
const VISIT_RESULTS = [
  '客户反馈使用正常，暂无新需求。',
  '对交货周期有意见，已协调生产部门。',
  '有追加采购意向，下月再联系。',
  '联系人已离职，已对接新的采购负责人。',
  '客户希望价格再优惠，已提交报价审批。',
  '介绍了新产品，客户要样品。',
];
const VISIT_METHODS: [string, number][] = [
  ['电话', 50],
  ['上门', 20],
  ['微信', 25],
  ['邮件', 5],
];

/** Opportunity statuses by lifecycle: prospects are early in the funnel, repeat buyers win more. */
function opportunityStatus(rng: Rng, lifecycle: LifecycleStage): string {
  if (lifecycle === 'lost')
    return rng.weighted([
      ['lost', 70],
      ['lead', 30],
    ]);
  if (lifecycle === 'prospect')
    return rng.weighted([
      ['lead', 35],
      ['needs', 30],
      ['proposal', 20],
      ['negotiation', 10],
      ['lost', 5],
    ]);
  return rng.weighted([
    ['lead', 10],
    ['needs', 15],
    ['proposal', 20],
    ['negotiation', 15],
    ['won', 30],
    ['lost', 10],
  ]);
}
const PROBABILITY_BP: Record<string, number> = { lead: 1000, needs: 2500, proposal: 5000, negotiation: 7500, won: 10000, lost: 0 };
const SCALE: Record<string, number> = { A: 20, B: 6, C: 2, D: 1 };

/**
 * A customer's business records: about half have a sales opportunity (A and B accounts more
 * often), customers who have bought are called back one to three times over the last year, and a
 * few visits are planned for the coming weeks.
 */
export function demoBusinessRecords(c: {
  seed: number;
  index: number;
  until: string;
  customerClass: CustomerClass | null;
  lifecycle: LifecycleStage;
  contacts: number;
  products: readonly string[];
}): DemoRecord[] {
  const rng = new Rng((c.seed ^ RECORD_SEED_MIX) >>> 0, c.index + 1);
  const out: DemoRecord[] = [];
  const contact = () => (c.contacts > 0 && rng.chance(0.8) ? rng.int(0, c.contacts - 1) : null);
  const product = () => (c.products.length > 0 ? (c.products[rng.int(0, c.products.length - 1)] as string) : '设备');
  const big = c.customerClass === 'A' || c.customerClass === 'B';
  const opportunities = rng.chance(big ? 0.7 : 0.4)
    ? rng.weighted([
        [1, 75],
        [2, 25],
      ])
    : 0;
  for (let i = 0; i < opportunities; i += 1) {
    const status = opportunityStatus(rng, c.lifecycle);
    const year = Number(c.until.slice(0, 4)) + (rng.chance(0.3) ? 1 : 0);
    const title = rng.pick(OPPORTUNITY_TITLES).replace('{product}', product()).replace('{year}', String(year));
    const closing = status === 'won' || status === 'lost' ? addDays(c.until, -rng.int(5, 300)) : addDays(c.until, rng.int(10, 120));
    const values: Record<string, string | number> = {
      预计金额: Math.round((SCALE[c.customerClass ?? 'D'] ?? 1) * rng.int(2, 40)) * 500_000,
      预计成交日期: closing,
      成交概率: PROBABILITY_BP[status] ?? 0,
    };
    if (rng.chance(0.4)) values.竞争对手 = rng.pick(COMPETITORS);
    out.push({ template: 'opportunity', title, status, contact: contact(), values });
  }
  const visits =
    c.lifecycle === 'prospect'
      ? rng.chance(0.3)
        ? 1
        : 0
      : rng.weighted([
          [0, 30],
          [1, 35],
          [2, 22],
          [3, 13],
        ]);
  // Dormant and lost customers were last called a while ago.
  const recent = c.lifecycle === 'dormant' || c.lifecycle === 'lost' ? 120 : 0;
  for (let i = 0; i < visits; i += 1) {
    const planned = i === 0 && rng.chance(0.15);
    const date = planned ? addDays(c.until, rng.int(1, 30)) : addDays(c.until, -rng.int(recent, recent + 365));
    const status = planned ? 'planned' : rng.chance(0.05) ? 'cancelled' : 'done';
    const how = rng.weighted(VISIT_METHODS);
    const values: Record<string, string | number> = { 回访日期: date, 回访方式: how };
    if (status === 'done') {
      values.回访结果 = rng.pick(VISIT_RESULTS);
      if (rng.chance(0.4)) values.下次回访 = addDays(date, rng.pick([30, 60, 90]));
    }
    out.push({ template: 'visit', title: `${how}回访：${rng.pick(VISIT_TOPICS)}`, status, contact: contact(), values });
  }
  return out;
}
