// A host's connection states, defined once for the backend, the contract and the renderer.
export const HOST_STATES = [
  'connecting',
  'online',
  'silent',
  'offline',
  'refused',
  'revoked',
] as const;
export type HostState = (typeof HOST_STATES)[number];
