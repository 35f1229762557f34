// Pure builders for demo sales: a product catalogue and each customer's orders. Like the
// customers, customer #n's orders depend only on the seed, n, the number of orders per customer
// and the last day of the sales history, so any slice can be built on any thread.
import type { CustomerClass, LifecycleStage } from '../../src-shared/domain/enums';
import type { OrderInput } from '../../src-shared/domain/sales';
import { Rng } from './prng';

export const MAX_DEMO_ORDERS_PER_CUSTOMER = 100;
/** Sales history reaches back this many days from its last day. */
export const DEMO_SALES_DAYS = 3 * 365;

export interface DemoProduct {
  code: string;
  name: string;
  category: string;
  unit: string;
  priceFen: number;
  costFen: number;
}

/** Streams for the catalogue and for orders; customers use streams 1…n with the seed itself. */
const PRODUCT_STREAM = 0x7ffffffd;
const ORDER_SEED_MIX = 0x51ed2701;

const CATALOGUE: readonly { category: string; unit: string; price: readonly [number, number]; items: readonly string[] }[] = [
  { category: '标准件', unit: '件', price: [2, 80], items: ['六角螺栓', '不锈钢螺母', '平垫圈', '弹簧垫圈', '膨胀螺丝', '自攻螺钉', '销轴', '卡簧'] },
  { category: '原材料', unit: '吨', price: [3000, 25000], items: ['冷轧钢板', '镀锌卷', '铝锭', '电解铜', 'ABS颗粒', 'PP颗粒', '不锈钢带'] },
  { category: '配件', unit: '个', price: [15, 900], items: ['轴承', '密封圈', '齿轮', '联轴器', '滤芯', '传感器', '继电器', '电机'] },
  { category: '设备', unit: '台', price: [8000, 260000], items: ['数控车床', '激光切割机', '注塑机', '空压机', '包装机', '检测仪'] },
  { category: '耗材', unit: '箱', price: [40, 600], items: ['打印耗材', '劳保手套', '切削液', '砂轮片', '焊丝', '包装胶带'] },
  { category: '软件与服务', unit: '项', price: [2000, 120000], items: ['ERP模块', '年度维保服务', '安装调试', '技术培训', '检测服务', '定制开发'] },
];

/** The demo product catalogue: the same for every size of a seed. */
export function demoProducts(seed: number): DemoProduct[] {
  const rng = new Rng(seed, PRODUCT_STREAM);
  const out: DemoProduct[] = [];
  for (const group of CATALOGUE) {
    for (const item of group.items) {
      for (const grade of ['', ' 经济型', ' 高端型'] as const) {
        if (grade !== '' && !rng.chance(0.5)) continue;
        const [lo, hi] = group.price;
        const yuan = lo + (hi - lo) * rng.float() ** 2;
        const priceFen = Math.max(100, Math.round(yuan * (grade === ' 高端型' ? 1.6 : grade === ' 经济型' ? 0.7 : 1)) * 100);
        out.push({
          code: `P${String(out.length + 1).padStart(4, '0')}`,
          name: `${item}${grade}`,
          category: group.category,
          unit: group.unit,
          priceFen,
          costFen: Math.round(priceFen * (0.55 + 0.3 * rng.float())),
        });
      }
    }
  }
  return out;
}

/** What the order builder needs to know about a customer and the catalogue. */
export interface DemoOrderContext {
  seed: number;
  index: number;
  count: number;
  /** Last day of the sales history (YYYY-MM-DD); orders fall in the DEMO_SALES_DAYS before it. */
  until: string;
  customerClass: CustomerClass | null;
  lifecycle: LifecycleStage;
  products: readonly { id: string; name: string; priceFen: number }[];
}

export type DemoOrder = Omit<OrderInput, 'customerId' | 'ownerId'>;

const SCALE: Record<string, number> = { A: 8, B: 3, C: 1, D: 0.4 };

/**
 * Customer #index's orders, oldest first: 1–5 lines from the catalogue, a per-customer spending
 * scale (class A buys far more than D, so Pareto curves look like real ones), dates spread over the
 * last three years (dormant and lost customers stopped buying a while ago), some cancelled.
 */
export function demoOrders(c: DemoOrderContext): DemoOrder[] {
  if (c.count <= 0 || c.products.length === 0) return [];
  const rng = new Rng((c.seed ^ ORDER_SEED_MIX) >>> 0, c.index + 1);
  const scale = (SCALE[c.customerClass ?? 'D'] ?? 0.4) * Math.exp((rng.float() - 0.5) * 1.6);
  // Days before `until` when this customer's buying stops and starts.
  const stop = c.lifecycle === 'lost' ? rng.int(400, 900) : c.lifecycle === 'dormant' ? rng.int(180, 540) : rng.int(0, 45);
  const start =
    c.lifecycle === 'new' ? Math.min(DEMO_SALES_DAYS, stop + rng.int(60, 300)) : Math.min(DEMO_SALES_DAYS, stop + rng.int(300, DEMO_SALES_DAYS));
  // Customers keep to a handful of products.
  const favourites = Array.from({ length: rng.int(2, 8) }, () => rng.int(0, c.products.length - 1));
  const untilMs = Date.parse(`${c.until}T00:00:00Z`);
  const ages = Array.from({ length: c.count }, () => rng.int(stop, Math.max(stop, start))).sort((a, b) => b - a);
  return ages.map((age) => {
    const lineCount = rng.weighted([
      [1, 35],
      [2, 28],
      [3, 18],
      [4, 11],
      [5, 8],
    ]);
    const lines = Array.from({ length: lineCount }, () => {
      const p = c.products[
        rng.chance(0.8) ? (favourites[rng.int(0, favourites.length - 1)] as number) : rng.int(0, c.products.length - 1)
      ] as DemoOrderContext['products'][number];
      const units = Math.max(1, Math.round(scale * rng.int(1, 20) * (p.priceFen < 10_000 ? 20 : p.priceFen > 1_000_000 ? 0.05 : 1)));
      return {
        productId: p.id,
        productName: p.name,
        quantityMilli: units * 1000,
        unitPriceFen: p.priceFen,
        discountBp: rng.weighted([
          [0, 70],
          [500, 15],
          [1000, 10],
          [2000, 5],
        ]),
      };
    });
    const status = rng.chance(0.05)
      ? 'cancelled'
      : age < 7 && rng.chance(0.3)
        ? 'draft'
        : age < 30
          ? rng.weighted<'confirmed' | 'shipped'>([
              ['confirmed', 1],
              ['shipped', 1],
            ])
          : 'completed';
    return {
      orderDate: new Date(untilMs - age * 86_400_000).toISOString().slice(0, 10),
      status,
      discountFen: rng.chance(0.1) ? rng.int(1, 50) * 100 : 0,
      lines,
    };
  });
}
