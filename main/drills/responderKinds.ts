// Who may respond in a headless drill (see responder.ts), in a module with no dependencies, so
// `mirqab drill run --help` names them without loading the drill engine.
export const RESPONDERS = ['scripted', 'idle'] as const;
export type ResponderKind = (typeof RESPONDERS)[number];
