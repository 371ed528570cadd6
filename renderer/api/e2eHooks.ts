// The only test-only surface: window.__e2e.waitForEvent, present when the URL has e2e=1 or the
// build defines __MIRQAB_E2E__. Tests wait on pushed events instead of sleeping.
import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type { ApiClient } from './client.ts';

export function isE2eEnabled(win: Window): boolean {
  const defined = typeof __MIRQAB_E2E__ !== 'undefined' && __MIRQAB_E2E__ === true;
  return defined || new URLSearchParams(win.location.search).get('e2e') === '1';
}

export function installE2eHooks(client: ApiClient, win: Window = window): void {
  if (!isE2eEnabled(win)) return;
  win.__e2e = {
    waitForEvent<E extends EventName>(name: E) {
      return new Promise<EventPayload<E>>((resolve) => {
        const stop = client.onEvent(name, (payload) => {
          stop();
          resolve(payload);
        });
      });
    },
  };
}
