// Renders the whole renderer around a fake bridge, the same composition root main.tsx uses.
import { render } from '@testing-library/react';
import { AppRoot } from '../../renderer/app/AppRoot.tsx';
import { memoryPreferences, type Preferences } from '../../renderer/store/preferences.ts';
import type { MirqabBridge } from '../../shared/ipc/contract.ts';

export function renderApp(bridge: MirqabBridge, prefs: Preferences = memoryPreferences()) {
  return { prefs, ...render(<AppRoot bridge={bridge} prefs={prefs} />) };
}
