// The composition root of the renderer: bridge → API client → store → i18n → React tree.
// Tests build the same tree around a fake MirqabBridge.
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { SessionEndReason } from '../../shared/ipc/browserHost.ts';
import type { MirqabBridge } from '../../shared/ipc/contract.ts';
import type { WebSocketBridge } from '../api/bridge.ts';
import { createApiClient } from '../api/client.ts';
import { installE2eHooks } from '../api/e2eHooks.ts';
import { createI18n } from '../i18n/init.ts';
import { createAppStore, StoreProvider } from '../store/index.ts';
import type { PageReloader } from '../features/drills/pageReload.ts';
import type { Preferences } from '../store/preferences.ts';
import { readUiDefaults } from '../store/uiSlice.ts';
import { App } from './App.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { installHashRouter, rememberRoute } from './hashRouter.ts';

export interface AppRootProps {
  bridge: MirqabBridge;
  /** The browser shell's connection, which can end the browser session; absent in Electron. */
  connection?: Pick<WebSocketBridge, 'onConnectionChange' | 'retryNow'>;
  prefs: Preferences;
  prefersLight?: boolean;
  /** Tests record the reload a drill's join or leave asks for. */
  reloader?: PageReloader;
}

export function AppRoot({
  bridge,
  connection,
  prefs,
  prefersLight = false,
  reloader,
}: AppRootProps) {
  const [sessionEnded, setSessionEnded] = useState<SessionEndReason | null>(null);
  const [{ store, i18n }] = useState(() => {
    const api = createApiClient(bridge);
    installE2eHooks(api);
    const defaults = readUiDefaults(prefs, prefersLight);
    return {
      store: createAppStore({ api, prefs, defaults, ...(reloader ? { reloader } : {}) }),
      i18n: createI18n(defaults.language),
    };
  });
  useEffect(() => installHashRouter(store), [store]);
  useEffect(() => {
    let wasDropped = false;
    return connection?.onConnectionChange((state) => {
      // A lost or expired session comes back to this screen after the next sign-in link.
      if (state.kind === 'ended' && state.reason !== 'signed-out') rememberRoute();
      setSessionEnded(state.kind === 'ended' ? state.reason : null);
      // Back after a drop: a screen that failed to load while the host was away loads again.
      if (state.kind === 'open' && wasDropped && store.getState().bootStatus === 'error')
        void store.getState().loadStatus();
      wasDropped = state.kind === 'reconnecting';
    });
  }, [connection, store]);
  return (
    <I18nextProvider i18n={i18n}>
      <StoreProvider store={store}>
        {connection && <ConnectionBanner connection={connection} />}
        <App sessionEnded={sessionEnded} />
      </StoreProvider>
    </I18nextProvider>
  );
}
