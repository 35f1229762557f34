import { z } from 'zod';

// A card layout is data in the workspace: tabs (页签) of sections of fields, and related lists
// with their columns. The renderer draws the card from it; the layout editor edits it.

export const RELATED_LISTS = ['organisation', 'orders', 'receipts', 'purchased', 'staff', 'records', 'expenses', 'history'] as const;
export type RelatedList = (typeof RELATED_LISTS)[number];

// Tab keys carry ids (`records-<uuid>`), hence the room.
const key = z.string().trim().min(1).max(64);

export const layoutSection = z
  .object({
    key,
    label: z.string().trim().min(1).max(40),
    columns: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
    fields: z.array(key).max(200),
  })
  .strict();

export const layoutRelated = z
  .object({
    kind: z.enum(RELATED_LISTS),
    /** For `records`: which business type the tab lists. */
    businessTypeId: z.string().max(64).optional(),
    columns: z.array(key).max(40).default([]),
  })
  .strict();

export const layoutTab = z
  .object({
    key,
    label: z.string().trim().min(1).max(20),
    sections: z.array(layoutSection).max(20).default([]),
    related: layoutRelated.optional(),
  })
  .strict();

export const cardLayout = z.object({ tabs: z.array(layoutTab).min(1).max(30) }).strict();
export type CardLayout = z.infer<typeof cardLayout>;
export type LayoutTab = z.infer<typeof layoutTab>;

export const LAYOUT_ENTITIES = ['customer', 'contact'] as const;
export type LayoutEntity = (typeof LAYOUT_ENTITIES)[number];
