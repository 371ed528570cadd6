// Globals the renderer sees: the preload's bridge (absent in a browser) and the e2e flag/hook.
import type { EventName, EventPayload, MirqabBridge } from '../shared/ipc/contract.ts';

declare global {
  interface Window {
    mirqab?: MirqabBridge;
    __e2e?: E2eHooks;
  }
  /** Replaced at build time when the e2e build defines it; guarded with typeof elsewhere. */
  const __MIRQAB_E2E__: boolean | undefined;
}

export interface E2eHooks {
  waitForEvent<E extends EventName>(name: E): Promise<EventPayload<E>>;
}
