// The model changes page's own state: which tab is open and which change record (part of the address).
import type { SliceCreator } from '../../store/appState.ts';

export type GovernanceTab = 'records' | 'requests' | 'triggers';
export const GOVERNANCE_TABS: readonly GovernanceTab[] = ['records', 'requests', 'triggers'];

export interface GovernanceRoute {
  tab: GovernanceTab;
  /** An open change record (records tab only). */
  changeId: number | null;
}

export interface GovernanceViewSlice {
  governanceRoute: GovernanceRoute;
  openGovernance: (route: GovernanceRoute) => void;
}

export const createGovernanceViewSlice = (): SliceCreator<GovernanceViewSlice> => (set) => ({
  governanceRoute: { tab: 'records', changeId: null },
  openGovernance: (route) =>
    set({
      page: 'changes',
      governanceRoute: route.tab === 'records' ? route : { ...route, changeId: null },
    }),
});
