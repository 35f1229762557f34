import { z } from 'zod';
import { ROLES, type Role } from './enums';

// The permission matrix (issue 19): what each role may do per area, per field and over which
// customers. Defaults below; the manager adjusts the assistant, staff and viewer rows (权限设置).
// Manager and HQ admin always hold everything, so nobody can lock the workspace's owners out.

/** Areas a method belongs to (src-shared/contract/method-areas.ts maps every method to one). */
export const AREAS = [
  'customers',
  'contacts',
  'orders',
  'receipts',
  'business',
  'expenses',
  'products',
  'reports',
  'classification',
  'import',
  'export',
  'backups',
  'settings',
  'users',
  'sync',
] as const;
export type Area = (typeof AREAS)[number];

/**
 * Ordered: each level includes the ones before it. `manage` is the area's administration
 * (purging customers, restoring a backup, the network's stores …), beyond entering data.
 */
export const ACCESS_LEVELS = ['none', 'view', 'edit', 'manage'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** What a method needs of its area (the contract's `permission`). */
export type Permission = 'read' | 'write' | 'manage';
const NEEDED: Record<Permission, AccessLevel> = { read: 'view', write: 'edit', manage: 'manage' };

export const FIELD_ACCESS = ['hidden', 'masked', 'readOnly', 'editable'] as const;
export type FieldAccess = (typeof FIELD_ACCESS)[number];

/** `own`: the customers the user's linked employee is responsible for, plus those nobody owns. */
export const RECORD_SCOPES = ['all', 'own'] as const;
export type RecordScope = (typeof RECORD_SCOPES)[number];

/** The roles whose rules the manager can change; manager and admin are fixed at everything. */
export const ADJUSTABLE_ROLES = ['assistant', 'staff', 'viewer'] as const satisfies readonly Role[];
export type AdjustableRole = (typeof ADJUSTABLE_ROLES)[number];

/**
 * A field's key in the rules: `customer.<field>` or `contact.<field>` for built-in fields,
 * `custom.<fieldId>` for a custom field (any entity: the id is unique).
 */
export const fieldKey = z
  .string()
  .max(80)
  .regex(/^(customer|contact|custom)\.[A-Za-z0-9_-]+$/, { error: 'invalid' });

const areaMap = z.partialRecord(z.enum(AREAS), z.enum(ACCESS_LEVELS));

export const roleRules = z
  .object({
    areas: areaMap,
    /** Per business type id, overriding `areas.business` for that type's records. */
    businessTypes: z.record(z.string().max(64), z.enum(ACCESS_LEVELS)),
    fields: z.record(fieldKey, z.enum(FIELD_ACCESS)),
    scope: z.enum(RECORD_SCOPES),
  })
  .strict();
export type RoleRules = z.infer<typeof roleRules>;

/** What is stored (app_settings 'permissions') and edited: the adjustable roles' rules. */
export const permissionPolicy = z
  .object({
    assistant: roleRules,
    staff: roleRules,
    viewer: roleRules,
  })
  .strict();
export type PermissionPolicy = z.infer<typeof permissionPolicy>;

const ALL: Record<Area, AccessLevel> = Object.fromEntries(AREAS.map((a) => [a, 'manage'])) as Record<Area, AccessLevel>;

function levels(view: readonly Area[], edit: readonly Area[]): Record<Area, AccessLevel> {
  const out = Object.fromEntries(AREAS.map((a) => [a, 'none'])) as Record<Area, AccessLevel>;
  for (const a of view) out[a] = 'view';
  for (const a of edit) out[a] = 'edit';
  return out;
}

const DATA_AREAS = ['customers', 'contacts', 'orders', 'receipts', 'business', 'expenses'] as const;

/**
 * The defaults follow the seeds' modes: the assistant enters everything and may import, export and
 * back up; staff enter data for their own customers and cannot take the file (no export, no
 * import, no backups, no copy); the viewer reads. Only managers administer.
 */
export const DEFAULT_POLICY: PermissionPolicy = {
  assistant: {
    areas: levels(['reports', 'classification', 'settings'], [...DATA_AREAS, 'products', 'import', 'export', 'backups', 'sync']),
    businessTypes: {},
    fields: {},
    scope: 'all',
  },
  staff: {
    areas: levels(['products', 'reports', 'classification'], DATA_AREAS),
    businessTypes: {},
    fields: {},
    scope: 'own',
  },
  viewer: {
    areas: levels([...DATA_AREAS, 'products', 'reports', 'classification'], []),
    businessTypes: {},
    fields: {},
    scope: 'all',
  },
};

/** The rules one role works under; manager and admin hold everything. */
export function rulesOf(policy: PermissionPolicy, role: Role): RoleRules {
  if (role === 'manager' || role === 'admin') return { areas: { ...ALL }, businessTypes: {}, fields: {}, scope: 'all' };
  return policy[role];
}

export function accessTo(rules: RoleRules, area: Area, businessTypeId?: string | null): AccessLevel {
  if (area === 'business' && businessTypeId) {
    const own = rules.businessTypes[businessTypeId];
    if (own) return own;
  }
  return rules.areas[area] ?? 'none';
}

export function atLeast(level: AccessLevel, needed: AccessLevel): boolean {
  return ACCESS_LEVELS.indexOf(level) >= ACCESS_LEVELS.indexOf(needed);
}

export function allows(rules: RoleRules, area: Area, permission: Permission, businessTypeId?: string | null): boolean {
  return atLeast(accessTo(rules, area, businessTypeId), NEEDED[permission]);
}

/** Whether some business type grants `permission` on its own (a type may be opened wider than the area). */
export function allowsSomeType(rules: RoleRules, permission: Permission): boolean {
  return Object.values(rules.businessTypes).some((level) => atLeast(level, NEEDED[permission]));
}

/**
 * Which business types a list may show: every type but `except` when the area allows it, or `only`
 * the types granted on their own when it does not. Null: every type, nothing to filter.
 */
export type BusinessTypeFilter = { except: string[] } | { only: string[] } | null;
export function businessTypeFilter(rules: RoleRules, permission: Permission): BusinessTypeFilter {
  const types = Object.entries(rules.businessTypes);
  if (allows(rules, 'business', permission)) {
    const except = types.filter(([, level]) => !atLeast(level, NEEDED[permission])).map(([id]) => id);
    return except.length ? { except } : null;
  }
  return { only: types.filter(([, level]) => atLeast(level, NEEDED[permission])).map(([id]) => id) };
}

/** A field's rule for a role; fields without a rule are editable (read-only follows from the area). */
export function fieldAccess(rules: RoleRules, key: string): FieldAccess {
  return rules.fields[key] ?? 'editable';
}

/** The caller's own rules, for the renderer to hide what they cannot do (main checks regardless). */
export const myAccess = z.object({
  role: z.enum(ROLES),
  rules: roleRules,
});
export type MyAccess = z.infer<typeof myAccess>;
