import { z } from 'zod';
import { recordVersion } from './save-conflict';
import { lineAmountAgrees } from '../money';
import { customValues, entityId, optionalText, patchShape, requiredDate, requiredText } from './field-rules';

// Orders, receipts, products and related staff. Money is integer fen; quantities are thousandths;
// discounts are basis points off the price (9.5折 = 500). The order discount is an amount
// (`discountFen`) or a rate off the subtotal (`discountBp`, 9折 = 1000; see ../order-discount.ts).

export const fen = z.number({ error: 'invalid' }).int({ error: 'invalid' }).min(-1e13, { error: 'range' }).max(1e13, { error: 'range' });
export const nonNegativeFen = fen.min(0, { error: 'range' });
export const calendarDate = requiredDate;

const productShape = {
  code: optionalText(40),
  name: requiredText(100),
  category: optionalText(60),
  unit: optionalText(10),
  priceFen: nonNegativeFen.optional().default(0),
  costFen: nonNegativeFen
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  notes: optionalText(1000),
};
export const productInput = z.object(productShape).strict();
export const productPatch = z.object(patchShape(productShape)).partial().strict();
export const product = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  category: z.string().nullable(),
  unit: z.string().nullable(),
  priceFen: z.number().int(),
  costFen: z.number().int().nullable(),
  notes: z.string().nullable(),
});
export type Product = z.infer<typeof product>;

export const orderLineInput = z
  .object({
    id: entityId.optional(),
    productId: entityId
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    productName: requiredText(100),
    quantityMilli: z.number({ error: 'invalid' }).int({ error: 'invalid' }).min(1, { error: 'range' }).max(1e12, { error: 'range' }),
    unitPriceFen: nonNegativeFen,
    discountBp: z.number().int().min(0, { error: 'range' }).max(10000, { error: 'range' }).optional().default(0),
    /**
     * The line amount as its source wrote it (an import's 金额), kept instead of the one computed
     * from quantity × price × (1 − discount) so the revenue is the source's to the fen. It must
     * agree with them within the price's rounding (`lineAmountAgrees`); absent: computed.
     */
    amountFen: nonNegativeFen.optional(),
  })
  .strict()
  .superRefine((line, ctx) => {
    if (line.amountFen === undefined || line.quantityMilli < 1 || line.unitPriceFen < 0 || line.discountBp < 0 || line.discountBp > 10000) return;
    if (!lineAmountAgrees(line.amountFen, line.quantityMilli, line.unitPriceFen, line.discountBp))
      ctx.addIssue({ code: 'custom', path: ['amountFen'], message: 'invalid' });
  });
export type OrderLineInput = z.input<typeof orderLineInput>;

export const ORDER_STATUSES = ['draft', 'confirmed', 'shipped', 'completed', 'cancelled'] as const;
/** Orders still being worked on (停用并移交 moves these to the new salesperson; finished ones stay history). */
export const OPEN_ORDER_STATUSES = ['draft', 'confirmed', 'shipped'] as const satisfies readonly (typeof ORDER_STATUSES)[number][];

const orderHeader = {
  orderNo: optionalText(40),
  orderDate: calendarDate,
  ownerId: entityId
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  status: z.enum(ORDER_STATUSES).optional().default('confirmed'),
  discountFen: nonNegativeFen.optional().default(0),
  /** Set: the discount is this rate and `discountFen` is derived from it; null: `discountFen` is the discount. */
  discountBp: z
    .number({ error: 'invalid' })
    .int({ error: 'invalid' })
    .min(0, { error: 'range' })
    .max(10000, { error: 'range' })
    .nullable()
    .optional(),
  notes: optionalText(2000),
};
export const orderInput = z
  .object({
    customerId: entityId,
    ...orderHeader,
    lines: z.array(orderLineInput).min(1, { error: 'required' }).max(5000),
    custom: customValues.optional(),
  })
  .strict();
export type OrderInput = z.input<typeof orderInput>;
export const orderPatch = z
  .object({ ...patchShape(orderHeader), lines: z.array(orderLineInput).min(1, { error: 'required' }).max(5000), custom: customValues })
  .partial()
  .strict();

export const orderLine = z.object({
  id: z.string(),
  productId: z.string().nullable(),
  productName: z.string(),
  quantityMilli: z.number().int(),
  unitPriceFen: z.number().int(),
  discountBp: z.number().int(),
  amountFen: z.number().int(),
});
export const order = z.object({
  id: z.string(),
  customerId: z.string(),
  orderNo: z.string(),
  orderDate: z.string(),
  ownerId: z.string().nullable(),
  status: z.enum(ORDER_STATUSES),
  discountFen: z.number().int(),
  discountBp: z.number().int().nullable(),
  totalFen: z.number().int(),
  receivedFen: z.number().int(),
  notes: z.string().nullable(),
  lines: z.array(orderLine),
  custom: z.record(z.string(), z.unknown()),
  /** The order's and its lines' latest change: what its save sends back (save-conflict.ts). */
  version: recordVersion.optional(),
});
export type Order = z.infer<typeof order>;

export const receiptInput = z
  .object({
    customerId: entityId,
    orderId: entityId
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    receiptDate: calendarDate,
    amountFen: fen.refine((v) => v !== 0, { error: 'range' }),
    method: optionalText(20),
    notes: optionalText(1000),
  })
  .strict();
export const receiptPatch = receiptInput.omit({ customerId: true }).partial();
export const receipt = z.object({
  id: z.string(),
  customerId: z.string(),
  orderId: z.string().nullable(),
  orderNo: z.string().nullable(),
  receiptDate: z.string(),
  amountFen: z.number().int(),
  method: z.string().nullable(),
  notes: z.string().nullable(),
});
export type Receipt = z.infer<typeof receipt>;

export const customerStaffInput = z.object({ customerId: entityId, employeeId: entityId, role: optionalText(40), notes: optionalText(500) }).strict();
export const customerStaffPatch = customerStaffInput.omit({ customerId: true }).partial();
export const customerStaffRow = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  role: z.string().nullable(),
  notes: z.string().nullable(),
});

export const purchasedProduct = z.object({
  productId: z.string().nullable(),
  productName: z.string(),
  quantityMilli: z.number().int(),
  amountFen: z.number().int(),
  orderCount: z.number().int(),
  lastOrderDate: z.string(),
});

export const salesSummary = z.object({
  orderCount: z.number().int(),
  ordersTotalFen: z.number().int(),
  receivedFen: z.number().int(),
  outstandingFen: z.number().int(),
  lastOrderDate: z.string().nullable(),
  expenseTotalFen: z.number().int(),
});
export type SalesSummary = z.infer<typeof salesSummary>;
