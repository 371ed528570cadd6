// Pushed events, typed by the contract's event map.
import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';

/** An event for one session only (e.g. "your session was locked"); absent: every signed-in client. */
export interface EventAudience {
  sessionId?: string;
  /**
   * Set by the drill router: which console an event comes from, so a client in a drill's workspace
   * hears the workspace and a client outside it hears the site ('everywhere': both, e.g. drill.changed).
   */
  origin?: 'site' | 'drill' | 'everywhere';
}

export type EventListener = <E extends EventName>(
  event: E,
  payload: EventPayload<E>,
  audience?: EventAudience,
) => void;

export class EventBus {
  private listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  emitTo<E extends EventName>(audience: EventAudience, event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload, audience);
  }
}
