// The pages in the side navigation and the permission each needs (from ROLE_PERMISSIONS).
import type { Permission } from '../../shared/domain/roles.ts';
import type { Page } from '../store/uiSlice.ts';

export interface NavItem {
  page: Page;
  labelKey: string;
  needs: Permission | null;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { page: 'overview', labelKey: 'nav.overview', needs: 'overview.read' },
  { page: 'incidents', labelKey: 'incidents.nav', needs: 'incidents.read' },
  { page: 'oncall', labelKey: 'oncall.nav', needs: 'incidents.read' },
  { page: 'runbooks', labelKey: 'runbooks.nav', needs: 'runbooks.read' },
  { page: 'postmortems', labelKey: 'postmortems.nav', needs: 'postmortems.read' },
  { page: 'drills', labelKey: 'drills.nav', needs: 'drills.read' },
  { page: 'fleet', labelKey: 'nav.fleet', needs: 'fleet.read' },
  { page: 'slo', labelKey: 'nav.slo', needs: 'slo.read' },
  { page: 'alerts', labelKey: 'nav.alerts', needs: 'incidents.read' },
  { page: 'sla', labelKey: 'nav.sla', needs: 'slo.read' },
  { page: 'changes', labelKey: 'governance.nav', needs: 'fleet.read' },
  { page: 'experiments', labelKey: 'experiments.nav', needs: 'fleet.read' },
  { page: 'audit', labelKey: 'nav.audit', needs: 'audit.read' },
  { page: 'settings', labelKey: 'nav.settings', needs: 'settings.read' },
];
