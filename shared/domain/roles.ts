// Roles and what each may do. The backend checks these on every call; the UI uses the same table
// only to hide what a role cannot do.

export const ROLES = [
  'viewer',
  'operator',
  'incident_commander',
  'ml_engineer',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'overview.read',
  'audit.read',
  'audit.verify',
  'audit.export',
  'operators.read',
  'operators.manage',
  'sessions.read',
  'sessions.manage',
  'settings.read',
  'settings.manage',
  'store.manage',
  'fleet.read',
  'fleet.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Enrolment and revocation change who the console trusts, so fleet.manage stays with admins.
const everyone: Permission[] = ['overview.read', 'settings.read', 'fleet.read'];
const auditing: Permission[] = ['audit.read', 'audit.verify', 'audit.export'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: everyone,
  operator: everyone,
  incident_commander: [...everyone, 'audit.read'],
  ml_engineer: everyone,
  auditor: [...everyone, ...auditing, 'operators.read', 'sessions.read'],
  admin: [...PERMISSIONS],
};

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
