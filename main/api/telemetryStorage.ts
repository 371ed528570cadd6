// Telemetry storage in Settings: adapters over the fleet's TelemetryStorageSettings.
import type { FleetService } from '../fleet/service.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function telemetryStorageHandlers(
  fleet: FleetService,
): DomainHandlers<'telemetryStorage.get' | 'telemetryStorage.setDiskBudget'> {
  return {
    'telemetryStorage.get': () => fleet.storage.read(),
    'telemetryStorage.setDiskBudget': (input, call) =>
      fleet.storage.setDiskBudget(input.diskBudget, requireActor(call), call.now),
  };
}
