// The Electron bridge's two transport channels. API channel names live in shared/ipc/contract.ts;
// these only carry them (main/shell/ipc.ts and preload/bridge.ts both import from here).
export const INVOKE_CHANNEL = 'mirqab:invoke';
export const EVENT_CHANNEL = 'mirqab:event';
