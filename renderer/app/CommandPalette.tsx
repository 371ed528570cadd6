// Ctrl+K / Cmd+K: every page and action the signed-in role may use, searchable by name.
import { Command } from 'cmdk';
import { useTranslation } from 'react-i18next';
import { roleCan, type Permission } from '../../shared/domain/roles.ts';
import { useAppStore, useAppStoreApi, type AppState } from '../store/index.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { NAV_ITEMS } from './navigation.ts';

interface PaletteCommand {
  id: string;
  group: 'navigate' | 'actions';
  label: string;
  needs: Permission | null;
  run: (state: AppState) => void;
}

export function CommandPalette() {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const role = useAppStore((s) => s.session?.operator.role);
  const theme = useAppStore((s) => s.theme);
  const close = () => store.getState().setPaletteOpen(false);

  const commands: PaletteCommand[] = [
    ...NAV_ITEMS.map<PaletteCommand>((item) => ({
      id: `go-${item.page}`,
      group: 'navigate',
      label: t('palette.goTo', { page: t(item.labelKey) }),
      needs: item.needs,
      run: (s) => s.navigate(item.page),
    })),
    {
      id: 'go-operators',
      group: 'navigate',
      label: t('palette.goTo', { page: t('settings.tabs.operators') }),
      needs: 'operators.read',
      run: (s) => s.navigate('settings', 'operators'),
    },
    {
      id: 'go-sessions',
      group: 'navigate',
      label: t('palette.goTo', { page: t('settings.tabs.sessions') }),
      needs: 'sessions.read',
      run: (s) => s.navigate('settings', 'sessions'),
    },
    {
      id: 'go-security',
      group: 'navigate',
      label: t('palette.goTo', { page: t('settings.tabs.security') }),
      needs: null,
      run: (s) => s.navigate('settings', 'security'),
    },
    {
      id: 'verify',
      group: 'actions',
      label: t('audit.verify'),
      needs: 'audit.verify',
      run: (s) => {
        s.navigate('audit');
        s.requestAuditAction('verify');
      },
    },
    {
      id: 'export',
      group: 'actions',
      label: t('audit.export'),
      needs: 'audit.export',
      run: (s) => {
        s.navigate('audit');
        s.requestAuditAction('export');
      },
    },
    {
      id: 'enrol-host',
      group: 'actions',
      label: t('fleet.enrol.open'),
      needs: 'fleet.manage',
      run: (s) => {
        s.navigate('fleet');
        s.setFleetEnrolOpen(true);
      },
    },
    {
      id: 'create-slo',
      group: 'actions',
      label: t('slo.create'),
      needs: 'slo.manage',
      run: (s) => s.editSlo(null),
    },
    {
      id: 'import-slos',
      group: 'actions',
      label: t('slo.import.open'),
      needs: 'slo.manage',
      run: (s) => {
        s.navigate('slo');
        s.setSloImportOpen(true);
      },
    },
    {
      id: 'create-sla',
      group: 'actions',
      label: t('sla.create'),
      needs: 'sla.manage',
      run: (s) => s.editSla(null),
    },
    {
      id: 'create-operator',
      group: 'actions',
      label: t('operators.create'),
      needs: 'operators.manage',
      run: (s) => {
        s.navigate('settings', 'operators');
        s.setOperatorDialogOpen(true);
      },
    },
    {
      id: 'theme',
      group: 'actions',
      label: theme === 'dark' ? t('shell.themeLight') : t('shell.themeDark'),
      needs: null,
      run: (s) => s.toggleTheme(),
    },
    {
      id: 'language',
      group: 'actions',
      label: t('shell.otherLanguage'),
      needs: null,
      run: (s) => s.toggleLanguage(),
    },
    {
      id: 'lock',
      group: 'actions',
      label: t('palette.lock'),
      needs: null,
      run: (s) => void s.lockSession('manual'),
    },
    {
      id: 'signout',
      group: 'actions',
      label: t('shell.signOut'),
      needs: null,
      run: (s) => void s.signOut(),
    },
  ];
  const allowed = commands.filter((c) => role && (!c.needs || roleCan(role, c.needs)));

  const renderGroup = (group: PaletteCommand['group']) => (
    <Command.Group heading={t(`palette.${group}`)}>
      {allowed
        .filter((c) => c.group === group)
        .map((c) => (
          <Command.Item
            key={c.id}
            value={c.id}
            keywords={[c.label]}
            onSelect={() => {
              close();
              c.run(store.getState());
            }}
            data-testid={`palette-${c.id}`}
          >
            {c.label}
          </Command.Item>
        ))}
    </Command.Group>
  );

  return (
    <Dialog
      title={t('palette.title')}
      onClose={close}
      hideTitle
      className="palette"
      testId="command-palette"
    >
      <Command label={t('palette.title')} loop>
        <Command.Input placeholder={t('palette.placeholder')} data-autofocus="" />
        <Command.List>
          <Command.Empty>{t('palette.empty')}</Command.Empty>
          {renderGroup('navigate')}
          {renderGroup('actions')}
        </Command.List>
      </Command>
    </Dialog>
  );
}
