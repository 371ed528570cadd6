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
  'fleet.act',
  'slo.read',
  'slo.manage',
  'sla.manage',
  'reports.export',
  'incidents.read',
  'incidents.respond',
  'incidents.command',
  'alerts.silence',
  'oncall.manage',
  'intake.manage',
  // The site's SMTP relay and chat webhook reach people outside the console: admins only.
  'notify.manage',
  'postmortems.read',
  'postmortems.write',
  'postmortems.review',
  'runbooks.read',
  'runbooks.run',
  // A destructive step's second pair of eyes: never the operator who started the run.
  'runbooks.approve',
  'runbooks.manage',
  // Marking a model version known good or suspect changes what a rollback goes back to.
  'models.manage',
  // Retraining trigger rules and the pipeline they reach; asking for and approving a change to a model
  // in production (four eyes: the approver is never the requester).
  'retraining.manage',
  'changes.request',
  'changes.approve',
  // Planning, starting, stopping and deciding model A/B experiments on the live routing.
  'experiments.manage',
  // Drills: everyone sees them and may take part; facilitating one (start, inject, end) and
  // curating scenarios belong to those who run incident response.
  'drills.read',
  'drills.run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Enrolment and revocation change who the console trusts, so fleet.manage stays with admins.
const everyone: Permission[] = [
  'overview.read',
  'settings.read',
  'fleet.read',
  'slo.read',
  'incidents.read',
  'postmortems.read',
  'runbooks.read',
  'drills.read',
];
const auditing: Permission[] = ['audit.read', 'audit.verify', 'audit.export'];
// Running an agent's own declared actions (rollback, restart) is incident work, not trust management.
const acting: Permission[] = ['fleet.act'];
// Responders acknowledge, work and resolve incidents and silence noise; commanders also set
// priority, run major incidents and own the rota. Who may push alerts in (intake tokens) is trust: admins.
const responding: Permission[] = ['incidents.respond', 'alerts.silence', 'runbooks.run'];
// Approving destructive runbook steps and curating the runbook library belong to those who answer
// for the incident (commanders) and for the models (ML engineers).
const runbookOwners: Permission[] = ['runbooks.approve', 'runbooks.manage'];
// ML engineers own the models: version marks, retraining triggers, and changes (asked and approved).
const modelOwners: Permission[] = [
  'models.manage',
  'retraining.manage',
  'changes.request',
  'changes.approve',
  'experiments.manage',
];
// Those who work incidents write their postmortems and review one another's (never their own).
const learning: Permission[] = ['postmortems.write', 'postmortems.review'];
// Objectives belong to the platform and ML teams; SLAs are business commitments kept by admins; the
// reports that go to customers and auditors are exported by those who answer for them.

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: everyone,
  operator: [...everyone, ...acting, ...responding, ...learning],
  incident_commander: [
    ...everyone,
    'audit.read',
    ...acting,
    ...responding,
    ...learning,
    'incidents.command',
    'oncall.manage',
    'reports.export',
    ...runbookOwners,
    'drills.run',
  ],
  ml_engineer: [
    ...everyone,
    ...acting,
    ...responding,
    ...learning,
    'slo.manage',
    ...runbookOwners,
    ...modelOwners,
  ],
  auditor: [...everyone, ...auditing, 'operators.read', 'sessions.read', 'reports.export'],
  admin: [...PERMISSIONS],
};

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

// What a role can do today, in the operator's words: each capability stands for permissions, and a
// role's description lists exactly the capabilities whose permissions it holds (the UI translates
// the keys). Every permission belongs to exactly one capability, so nothing goes undescribed.
export const CAPABILITIES = [
  { key: 'see', permissions: everyone },
  { key: 'respond', permissions: responding },
  { key: 'hostActions', permissions: acting },
  { key: 'postmortems', permissions: learning },
  { key: 'command', permissions: ['incidents.command', 'oncall.manage'] },
  { key: 'runbookLibrary', permissions: runbookOwners },
  { key: 'drills', permissions: ['drills.run'] },
  { key: 'slos', permissions: ['slo.manage'] },
  { key: 'models', permissions: modelOwners },
  { key: 'auditRead', permissions: ['audit.read'] },
  { key: 'auditVerify', permissions: ['audit.verify', 'audit.export'] },
  { key: 'reports', permissions: ['reports.export'] },
  { key: 'people', permissions: ['operators.read', 'sessions.read'] },
  { key: 'access', permissions: ['operators.manage', 'sessions.manage'] },
  { key: 'enrolment', permissions: ['fleet.manage'] },
  { key: 'slas', permissions: ['sla.manage'] },
  {
    key: 'site',
    permissions: ['settings.manage', 'store.manage', 'notify.manage', 'intake.manage'],
  },
] as const satisfies readonly { key: string; permissions: readonly Permission[] }[];
export type Capability = (typeof CAPABILITIES)[number]['key'];

/**
 * The capabilities a role's permissions grant, in order; `everything` for a role that holds every
 * permission, and `readOnly` appended for one that may change nothing.
 */
export function roleCapabilities(role: Role): (Capability | 'everything' | 'readOnly')[] {
  const held = ROLE_PERMISSIONS[role];
  if (PERMISSIONS.every((p) => held.includes(p))) return ['everything'];
  const granted: (Capability | 'readOnly')[] = CAPABILITIES.filter((c) =>
    c.permissions.every((p) => held.includes(p)),
  ).map((c) => c.key);
  if (held.every((p) => p.endsWith('.read'))) granted.push('readOnly');
  return granted;
}
