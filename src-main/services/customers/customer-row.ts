import type { Customer } from '../../../src-shared/domain/customer';

/** The SELECT list every customer read uses, so list, card and search return the same shape. */
export const CUSTOMER_COLUMNS_SQL = `c.id, c.site_id, c.name, c.short_name, c.code, c.kind, c.industry, c.province, c.city,
  c.district, c.address, c.phones, c.email, c.website, c.source, c.owner_id, e.name AS owner_name, c.class,
  c.lifecycle, c.relationship_level, c.color_label, c.tags, c.notes, c.store_code, c.created_at, c.updated_at`;

export const CUSTOMER_FROM_SQL = `customers c LEFT JOIN employees e ON e.id = c.owner_id`;

export interface CustomerDbRow {
  id: string;
  site_id: string;
  name: string;
  short_name: string | null;
  code: string | null;
  kind: string;
  industry: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  phones: string;
  email: string | null;
  website: string | null;
  source: string | null;
  owner_id: string | null;
  owner_name: string | null;
  class: string | null;
  lifecycle: string;
  relationship_level: number | null;
  color_label: string | null;
  tags: string;
  notes: string | null;
  store_code: string | null;
  created_at: string;
  updated_at: string;
}

export function toCustomer(r: CustomerDbRow): Customer {
  return {
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    shortName: r.short_name,
    code: r.code,
    kind: r.kind as Customer['kind'],
    industry: r.industry,
    province: r.province,
    city: r.city,
    district: r.district,
    address: r.address,
    phones: JSON.parse(r.phones) as string[],
    email: r.email,
    website: r.website,
    source: r.source,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    customerClass: r.class as Customer['customerClass'],
    lifecycle: r.lifecycle as Customer['lifecycle'],
    relationshipLevel: r.relationship_level,
    colorLabel: r.color_label as Customer['colorLabel'],
    tags: JSON.parse(r.tags) as string[],
    notes: r.notes,
    storeCode: r.store_code,
    custom: {},
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
