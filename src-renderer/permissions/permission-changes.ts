import type { TFunction } from 'i18next';
import {
  ADJUSTABLE_ROLES,
  AREAS,
  type AccessLevel,
  type AdjustableRole,
  type FieldAccess,
  type PermissionPolicy,
  type RecordScope,
  type RoleRules,
} from '../../src-shared/domain/permissions';

/** Built-in fields the manager can hide, mask or make read-only (keys `customer.<f>` / `contact.<f>`). */
export const BUILT_IN_FIELDS = {
  customer: [
    'name',
    'shortName',
    'code',
    'kind',
    'industry',
    'province',
    'city',
    'district',
    'address',
    'phones',
    'email',
    'website',
    'source',
    'ownerId',
    'customerClass',
    'lifecycle',
    'relationshipLevel',
    'colorLabel',
    'tags',
    'notes',
  ],
  contact: ['name', 'title', 'mobile', 'phone', 'email', 'birthday', 'notes'],
} as const;

/** A field's label for the rules and the summary: the built-in label, or the custom field's. */
export type FieldLabels = Record<string, string>;

export function builtInFieldLabels(t: TFunction): FieldLabels {
  const out: FieldLabels = {};
  for (const group of ['customer', 'contact'] as const) {
    for (const f of BUILT_IN_FIELDS[group]) out[`${group}.${f}`] = `${t(`perm.customEntity.${group}`)} · ${t(`${group}.${f}`)}`;
  }
  return out;
}

/** The changes between the saved policy and the draft, as one line each, for the confirmation. */
export function describeChanges(
  t: TFunction,
  before: PermissionPolicy,
  after: PermissionPolicy,
  fieldLabels: FieldLabels,
  typeNames: Record<string, string>,
): string[] {
  const lines: string[] = [];
  const level = (l: AccessLevel | undefined) => (l ? t(`perm.levels.${l}`) : t('perm.followBusiness'));
  const field = (a: FieldAccess | undefined) => t(`perm.fieldAccess.${a ?? 'editable'}`);
  const scope = (s: RecordScope) => t(`perm.scope.${s}`);
  for (const role of ADJUSTABLE_ROLES) {
    const b: RoleRules = before[role];
    const a: RoleRules = after[role];
    const line = (what: string, from: string, to: string) => lines.push(t('perm.change', { role: t(`people.roles.${role}`), what, from, to }));
    for (const area of AREAS) {
      const from = b.areas[area] ?? 'none';
      const to = a.areas[area] ?? 'none';
      if (from !== to) line(t(`perm.areas.${area}`), level(from), level(to));
    }
    for (const id of new Set([...Object.keys(b.businessTypes), ...Object.keys(a.businessTypes)])) {
      if (b.businessTypes[id] !== a.businessTypes[id]) line(typeNames[id] ?? id, level(b.businessTypes[id]), level(a.businessTypes[id]));
    }
    for (const key of new Set([...Object.keys(b.fields), ...Object.keys(a.fields)])) {
      if ((b.fields[key] ?? 'editable') !== (a.fields[key] ?? 'editable')) line(fieldLabels[key] ?? key, field(b.fields[key]), field(a.fields[key]));
    }
    if (b.scope !== a.scope) line(t('perm.scopeTitle'), scope(b.scope), scope(a.scope));
  }
  return lines;
}

/** The draft with one role's rules changed. */
export function withRole(policy: PermissionPolicy, role: AdjustableRole, change: (rules: RoleRules) => RoleRules): PermissionPolicy {
  return { ...policy, [role]: change(policy[role]) };
}

/** Rules are stored sparse: an editable field and a business type following 业务 have no entry. */
export function setField(rules: RoleRules, key: string, access: FieldAccess): RoleRules {
  const fields = { ...rules.fields };
  if (access === 'editable') delete fields[key];
  else fields[key] = access;
  return { ...rules, fields };
}

export function setBusinessType(rules: RoleRules, typeId: string, level: AccessLevel | null): RoleRules {
  const businessTypes = { ...rules.businessTypes };
  if (level === null) delete businessTypes[typeId];
  else businessTypes[typeId] = level;
  return { ...rules, businessTypes };
}
