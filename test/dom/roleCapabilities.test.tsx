// Role descriptions say what each role can do today: they are built from the permission table, so
// they cannot promise a feature the role lacks or leave out one it has.
import { describe, expect, it } from 'vitest';
import ar from '../../renderer/i18n/ar.json';
import en from '../../renderer/i18n/en.json';
import {
  CAPABILITIES,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  ROLES,
  roleCapabilities,
} from '../../shared/domain/roles.ts';

const describeIn = (catalogue: typeof en, role: (typeof ROLES)[number]) =>
  roleCapabilities(role)
    .map((key) => (catalogue.roleCapabilities as Record<string, string>)[key])
    .join(' ');

describe('role descriptions', () => {
  it('every permission is described by exactly one capability', () => {
    for (const permission of PERMISSIONS) {
      const owners = CAPABILITIES.filter((c) =>
        (c.permissions as readonly string[]).includes(permission),
      );
      expect(
        owners.map((c) => c.key),
        permission,
      ).toHaveLength(1);
    }
  });

  it('no role holds part of a capability, so a description never over- or under-claims', () => {
    for (const role of ROLES) {
      const held = ROLE_PERMISSIONS[role];
      for (const capability of CAPABILITIES) {
        const count = capability.permissions.filter((p) => held.includes(p)).length;
        expect([0, capability.permissions.length], `${role} ${capability.key}`).toContain(count);
      }
    }
  });

  it('each description lists exactly what the role’s permissions allow', () => {
    for (const role of ROLES) {
      const granted = new Set(roleCapabilities(role));
      if (granted.has('everything')) {
        expect(ROLE_PERMISSIONS[role]).toEqual(expect.arrayContaining([...PERMISSIONS]));
        continue;
      }
      for (const capability of CAPABILITIES) {
        const holds = capability.permissions.every((p) => ROLE_PERMISSIONS[role].includes(p));
        expect(granted.has(capability.key), `${role} ${capability.key}`).toBe(holds);
      }
    }
  });

  it('a viewer sees the fleet and SLOs and changes nothing; no role promises what does not exist', () => {
    expect(roleCapabilities('viewer')).toEqual(['see', 'readOnly']);
    expect(describeIn(en, 'viewer')).toMatch(/fleet, SLOs/);
    expect(describeIn(en, 'viewer')).toMatch(/Changes nothing/);
    for (const role of ROLES) {
      expect(describeIn(en, role)).not.toMatch(/experiment|drift/i);
      expect(describeIn(ar, role)).not.toMatch(/التجارب|الانحراف/);
    }
  });

  it('every capability is written in English and Arabic, and the old hand-written texts are gone', () => {
    const keys = ['everything', 'readOnly', ...CAPABILITIES.map((c) => c.key)].sort();
    expect(Object.keys(en.roleCapabilities).sort()).toEqual(keys);
    expect(Object.keys(ar.roleCapabilities).sort()).toEqual(keys);
    for (const role of ROLES) {
      expect(Object.keys(en.roles[role])).toEqual(['name']);
      expect(Object.keys(ar.roles[role])).toEqual(['name']);
    }
  });
});
