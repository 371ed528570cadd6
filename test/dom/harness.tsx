// Renders the whole renderer around a fake bridge, the same composition root main.tsx uses.
import { render } from '@testing-library/react';
// eslint-disable-next-line no-restricted-imports -- reason: DOM tests exercise the renderer itself; the rule guards backend tests.
import { AppRoot } from '../../renderer/app/AppRoot.tsx';
// eslint-disable-next-line no-restricted-imports -- reason: as above, the preferences adapter for tests.
import { memoryPreferences, type Preferences } from '../../renderer/store/preferences.ts';
import type { MirqabBridge } from '../../shared/ipc/contract.ts';

export function renderApp(bridge: MirqabBridge, prefs: Preferences = memoryPreferences()) {
  return { prefs, ...render(<AppRoot bridge={bridge} prefs={prefs} />) };
}
