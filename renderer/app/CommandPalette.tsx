// Ctrl+K / Cmd+K: finds pages, actions, hosts, GPUs, models, SLOs and SLAs by a fuzzy search,
// grouped by kind; arrows move, Enter opens (its screen and selection), Escape closes.
import { Command } from 'cmdk';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore, useAppStoreApi } from '../store/index.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { loadPaletteData, paletteEntries } from './paletteEntries.ts';
import { searchPalette, type PaletteGroup } from './paletteSearch.ts';
import '../styles/console.css';

const GROUP_LABEL_KEYS: Record<PaletteGroup, string> = {
  navigate: 'palette.navigate',
  actions: 'palette.actions',
  hosts: 'console.palette.hosts',
  gpus: 'console.palette.gpus',
  models: 'console.palette.models',
  slos: 'console.palette.slos',
  slas: 'console.palette.slas',
};

export function CommandPalette() {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const [query, setQuery] = useState('');
  const close = () => store.getState().setPaletteOpen(false);
  // What the entries are built from: the palette redraws as each list arrives or changes.
  useAppStore((s) => s.session?.operator.role);
  useAppStore((s) => s.theme);
  const hosts = useAppStore((s) => s.fleetHosts.data);
  useAppStore((s) => s.fleetGpus);
  useAppStore((s) => s.sloList.data);
  useAppStore((s) => s.slaList.data);
  useAppStore((s) => s.modelServices.data);

  useEffect(() => loadPaletteData(store.getState()), [store, hosts]);

  const groups = searchPalette(paletteEntries(store.getState(), t), query);

  return (
    <Dialog
      title={t('palette.title')}
      onClose={close}
      hideTitle
      className="palette"
      testId="command-palette"
    >
      <Command label={t('palette.title')} loop shouldFilter={false}>
        <Command.Input
          value={query}
          onValueChange={setQuery}
          placeholder={t('console.palette.placeholder')}
          data-autofocus=""
          data-testid="palette-input"
        />
        <Command.List>
          <Command.Empty>{t('console.palette.empty')}</Command.Empty>
          {groups.map(({ group, entries }) => (
            <Command.Group key={group} heading={t(GROUP_LABEL_KEYS[group])} data-group={group}>
              {entries.map((entry) => (
                <Command.Item
                  key={entry.id}
                  value={entry.id}
                  onSelect={() => {
                    close();
                    entry.run(store.getState());
                  }}
                  data-testid={`palette-${entry.id}`}
                >
                  <span dir="auto">{entry.label}</span>
                  {entry.hint && (
                    <span className="palette-hint" dir="auto">
                      {entry.hint}
                    </span>
                  )}
                </Command.Item>
              ))}
            </Command.Group>
          ))}
        </Command.List>
      </Command>
    </Dialog>
  );
}
