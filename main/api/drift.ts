// Drift: each channel calls the drift service; the rules live in main/drift.
import type { DriftService } from '../drift/service.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function driftHandlers(
  drift: DriftService,
): DomainHandlers<'drift.model' | 'drift.pinReference'> {
  return {
    'drift.model': (input) => drift.model(input.model, input.hours),
    'drift.pinReference': (input, call) => drift.pin(input, requireActor(call)),
  };
}
