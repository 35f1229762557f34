import { describe, expect, it } from 'vitest';
import { contract } from '../../../src-shared/contract/methods';
import { METHOD_AREAS } from '../../../src-shared/contract/method-areas';
import { ADJUSTABLE_ROLES, allows, DEFAULT_POLICY, rulesOf } from '../../../src-shared/domain/permissions';
import { ROLES } from '../../../src-shared/domain/enums';

describe('the permission matrix over the contract', () => {
  it('places every method in an area, and nothing else', () => {
    expect(Object.keys(METHOD_AREAS).sort()).toEqual(Object.keys(contract).sort());
  });

  it('serves only reads to anyone signed in without an area', () => {
    // A write or an administration filed under `session` would escape the matrix entirely.
    const escaping = Object.entries(METHOD_AREAS)
      .filter(([method, area]) => area === 'session' && contract[method as keyof typeof contract].permission !== 'read')
      .map(([method]) => method);
    expect(escaping).toEqual([]);
  });

  it('gives manager and admin everything, whatever the policy says', () => {
    const closed = Object.fromEntries(
      ADJUSTABLE_ROLES.map((r) => [r, { areas: {}, businessTypes: {}, fields: {}, scope: 'own' as const }]),
    ) as unknown as typeof DEFAULT_POLICY;
    for (const role of ['manager', 'admin'] as const) {
      for (const [method, area] of Object.entries(METHOD_AREAS)) {
        if (area === 'session') continue;
        expect(allows(rulesOf(closed, role), area, contract[method as keyof typeof contract].permission), method).toBe(true);
      }
    }
  });

  it('keeps staff from taking the file by default: no export, import, backup, copy or user administration', () => {
    const staff = rulesOf(DEFAULT_POLICY, 'staff');
    const taking = [
      'queries.export',
      'workspace.exportWorkbook',
      'workspace.saveCopy',
      'backups.create',
      'import.run',
      'sync.export',
      'users.list',
    ] as const;
    for (const method of taking) expect(allows(staff, METHOD_AREAS[method] as never, contract[method].permission), method).toBe(false);
    expect(allows(staff, 'customers', 'write')).toBe(true);
    expect(staff.scope).toBe('own');
  });

  it('lets no role but manager and admin administer anything by default', () => {
    for (const role of ROLES.filter((r) => r !== 'manager' && r !== 'admin')) {
      const rules = rulesOf(DEFAULT_POLICY, role);
      const managed = Object.entries(rules.areas).filter(([, level]) => level === 'manage');
      expect(managed, role).toEqual([]);
    }
  });
});
