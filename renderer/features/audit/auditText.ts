// Audit entries keep their codes (exports and verification depend on them); the console names each
// action and role in the UI language and keeps the code beside it for whoever searches by it.
import type { TFunction } from 'i18next';
import { ROLES, type Role } from '../../../shared/domain/roles.ts';

/** The label for an audit action code ("fleet.enrol" → "Host enrolled"); an unknown code as it is. */
export function auditActionLabel(code: string, t: TFunction): string {
  const label: unknown = t(`systemText.auditActions.${code}`, {
    defaultValue: code,
    returnObjects: true,
  });
  return typeof label === 'string' ? label : code;
}

/** An operator's role by its translated name; the roles services act in ("system", "agent") too. */
export function auditRoleLabel(role: string, t: TFunction): string {
  if ((ROLES as readonly string[]).includes(role)) return t(`roles.${role as Role}.name`);
  return t(`systemText.auditRoles.${role}`, { defaultValue: role });
}
