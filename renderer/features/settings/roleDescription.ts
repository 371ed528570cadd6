// A role's description, built from what its permissions allow today (shared/domain/roles.ts).
import type { TFunction } from 'i18next';
import { roleCapabilities, type Role } from '../../../shared/domain/roles.ts';

export function describeRole(t: TFunction, role: Role): string {
  return roleCapabilities(role)
    .map((capability) => t(`roleCapabilities.${capability}`))
    .join(' ');
}
