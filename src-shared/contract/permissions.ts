import type { Role } from '../domain/enums';
import type { Permission } from './define-method';

// Manager sets rules (and manages users); assistant and staff enter data; HQ admin does everything. Checked in main's
// router for every call, never trusted from the renderer.
const GRANTS: Record<Role, readonly Permission[]> = {
  manager: ['read', 'write', 'manage'],
  admin: ['read', 'write', 'manage'],
  assistant: ['read', 'write'],
  staff: ['read', 'write'],
  // 只读: sees what the others see and changes nothing (per-area and per-field rules are the next slice).
  viewer: ['read'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
