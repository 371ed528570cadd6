// Globals the renderer sees: the preload's bridge (absent in a browser) and the e2e flag/hook.
// window.mirqab is the contract's MirqabBridge, which preload/bridge.ts's object `satisfies`: one type,
// kept in shared/ because lint keeps the renderer from importing preload/ at all.
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
