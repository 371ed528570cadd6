// What the command palette can find: every page and action the signed-in role may use, and the
// hosts, GPUs, models, SLOs and SLAs already loaded. Choosing one opens its screen and selection,
// which the address bar then names (hashRouter.ts).
import type { TFunction } from 'i18next';
import { roleCan, type Permission } from '../../shared/domain/roles.ts';
import type { AppState } from '../store/appState.ts';
import { NAV_ITEMS } from './navigation.ts';
import type { PaletteEntry } from './paletteSearch.ts';

type Needs = { needs: Permission | null };

function commandEntries(state: AppState, t: TFunction): (PaletteEntry & Needs)[] {
  const goTo = (page: string) => t('palette.goTo', { page });
  const settingsTab = (tab: 'operators' | 'sessions' | 'security', needs: Permission | null) => ({
    id: `go-${tab}`,
    group: 'navigate' as const,
    label: goTo(t(`settings.tabs.${tab}`)),
    needs,
    run: (s: AppState) => s.navigate('settings', tab),
  });
  // Each action also answers to its English words, so the Arabic console finds it by them too.
  const action = (
    id: string,
    key: string,
    words: string,
    needs: Permission | null,
    run: (s: AppState) => void,
  ): PaletteEntry & Needs => ({
    id,
    group: 'actions',
    label: t(`console.palette.action.${key}`),
    keywords: [words],
    needs,
    run,
  });
  return [
    ...NAV_ITEMS.map((item) => ({
      id: `go-${item.page}`,
      group: 'navigate' as const,
      label: goTo(t(item.labelKey)),
      needs: item.needs,
      run: (s: AppState) => s.navigate(item.page),
    })),
    {
      id: 'go-storage',
      group: 'navigate' as const,
      label: goTo(t('telemetryStorage.tab')),
      keywords: ['telemetry storage disk budget retention'],
      needs: 'settings.read' as const,
      run: (s: AppState) => s.navigate('settings', 'storage'),
    },
    settingsTab('operators', 'operators.read'),
    settingsTab('sessions', 'sessions.read'),
    settingsTab('security', null),
    action('verify', 'verifyAudit', 'verify audit chain', 'audit.verify', (s) => {
      s.navigate('audit');
      s.requestAuditAction('verify');
    }),
    action('export', 'exportAudit', 'export audit bundle', 'audit.export', (s) => {
      s.navigate('audit');
      s.requestAuditAction('export');
    }),
    action('enrol-host', 'enrolHost', 'enrol enroll add host', 'fleet.manage', (s) => {
      s.navigate('fleet');
      s.setFleetEnrolOpen(true);
    }),
    action('create-slo', 'newSlo', 'new create slo', 'slo.manage', (s) => s.editSlo(null)),
    action('import-slos', 'importSlos', 'import slos', 'slo.manage', (s) => {
      s.navigate('slo');
      s.setSloImportOpen(true);
    }),
    action('create-sla', 'newSla', 'new create sla', 'sla.manage', (s) => s.editSla(null)),
    action('create-operator', 'newOperator', 'new create operator', 'operators.manage', (s) => {
      s.navigate('settings', 'operators');
      s.setOperatorDialogOpen(true);
    }),
    action(
      'theme',
      state.theme === 'dark' ? 'themeLight' : 'themeDark',
      'toggle theme dark light',
      null,
      (s) => s.toggleTheme(),
    ),
    action('language', 'language', 'switch language arabic english', null, (s) =>
      s.toggleLanguage(),
    ),
    {
      id: 'lock',
      group: 'actions',
      label: t('palette.lock'),
      keywords: ['lock session'],
      needs: null,
      run: (s) => void s.lockSession('manual'),
    },
    {
      id: 'signout',
      group: 'actions',
      label: t('shell.signOut'),
      keywords: ['sign out'],
      needs: null,
      run: (s) => void s.signOut(),
    },
  ];
}

function fleetEntries(state: AppState, t: TFunction): PaletteEntry[] {
  const hosts = state.fleetHosts.data ?? [];
  const hostEntries = hosts.map<PaletteEntry>((host) => ({
    id: `host-${host.id}`,
    group: 'hosts',
    label: host.name,
    hint: host.clusterName,
    keywords: [host.address, host.agentId],
    run: (s) => {
      s.navigate('fleet');
      s.openFleetHost(host.id);
    },
  }));
  const gpuEntries = Object.values(state.fleetGpus).flatMap((remote) =>
    (remote.data ?? []).map<PaletteEntry>((gpu) => ({
      id: `gpu-${gpu.hostId}-${gpu.gpu}`,
      group: 'gpus',
      label: t('console.palette.gpuOn', { index: gpu.index ?? gpu.gpu, host: gpu.hostName }),
      ...(gpu.name ? { hint: gpu.name } : {}),
      keywords: [gpu.gpu, ...(gpu.uuid ? [gpu.uuid] : [])],
      run: (s) => {
        s.navigate('fleet');
        s.openFleetGpu(gpu.hostId, gpu.gpu);
      },
    })),
  );
  const slos = state.sloList.data ?? [];
  const modelEntries = (state.modelServices.data ?? []).map<PaletteEntry>((model) => {
    // A model's versions show on the detail of an SLO about it; otherwise the fleet serves it.
    const slo = slos.find((s) => s.model === model.model);
    return {
      id: `model-${model.model}`,
      group: 'models',
      label: model.model,
      hint: model.currentVersions.join(', '),
      run: (s) => (slo ? s.openSlo(slo.name) : s.navigate('fleet')),
    };
  });
  return [...hostEntries, ...gpuEntries, ...modelEntries];
}

function serviceLevelEntries(state: AppState): PaletteEntry[] {
  const slos = (state.sloList.data ?? []).map<PaletteEntry>((slo) => ({
    id: `slo-${slo.name}`,
    group: 'slos',
    label: slo.displayName || slo.name,
    hint: slo.model,
    keywords: [slo.name],
    run: (s) => s.openSlo(slo.name),
  }));
  const slas = (state.slaList.data ?? []).map<PaletteEntry>((sla) => ({
    id: `sla-${sla.name}`,
    group: 'slas',
    label: sla.displayName || sla.name,
    hint: sla.customer,
    keywords: [sla.name],
    run: (s) => s.openSla(sla.name),
  }));
  return [...slos, ...slas];
}

export function paletteEntries(state: AppState, t: TFunction): PaletteEntry[] {
  const role = state.session?.operator.role;
  if (!role) return [];
  const can = (permission: Permission) => roleCan(role, permission);
  return [
    ...commandEntries(state, t).filter((c) => !c.needs || can(c.needs)),
    ...(can('fleet.read') ? fleetEntries(state, t) : []),
    ...(can('slo.read') ? serviceLevelEntries(state) : []),
  ];
}

/** Loads what the palette searches and nobody has loaded yet; the lists then stay live. */
export function loadPaletteData(state: AppState): void {
  const role = state.session?.operator.role;
  if (!role) return;
  if (roleCan(role, 'fleet.read')) {
    if (state.fleetHosts.status === 'idle') void state.loadFleet();
    if (state.modelServices.status === 'idle') void state.loadModelServices();
    const clusters = new Set((state.fleetHosts.data ?? []).map((h) => h.clusterId));
    for (const id of clusters) if (!state.fleetGpus[id]) void state.loadFleetGpus(id);
  }
  if (roleCan(role, 'slo.read')) {
    if (state.sloList.status === 'idle') void state.loadSlos();
    if (state.slaList.status === 'idle') void state.loadSlas();
  }
}
