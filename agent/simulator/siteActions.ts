// The actions for a failing host, a stalled data pipeline and a stuck server on a simulated host:
// drain_host moves every model's traffic off the host to the other hosts serving it,
// pause_pipeline stops a stalled feature pipeline so stale features stop reaching the model, and
// restart_service restarts a model's server, clearing a stuck state (latency spike, error burst).
// Each throws a RangeError saying why when a real agent could not do it either.
import type { HostState, Simulation } from './model.ts';
import { resetCounters, type ServiceState } from './serviceModel.ts';

const PIPELINE_SUFFIX = '-features';

/** drain_host: the host takes no traffic from the next step; each model's share is split evenly. */
export function drainHost(simulation: Simulation, hostName: string): string {
  const host = simulation.host(hostName);
  if (!host) throw new RangeError(`no simulated host named "${hostName}"`);
  if (host.isDown) throw new RangeError(`${host.name} is down`);
  const serving = host.services.filter((s) => s.trafficShare > 0);
  if (serving.length === 0)
    throw new RangeError(`${host.name} is already drained: it takes no traffic`);
  // Planned for every model first, so a refused drain changes nothing.
  const plan = serving.map((service) => {
    const others = simulation.hosts.flatMap((other): { host: HostState; s: ServiceState }[] => {
      const s = other.services.find((o) => o.model === service.model);
      return other !== host && !other.isDown && s && s.trafficShare > 0 ? [{ host: other, s }] : [];
    });
    if (others.length === 0)
      throw new RangeError(
        `no other host serves ${service.model}, so ${host.name} cannot be drained`,
      );
    return { service, others };
  });
  for (const { service, others } of plan) {
    for (const other of others) other.s.trafficShare += service.trafficShare / others.length;
    service.trafficShare = 0;
  }
  const moves = plan.map(
    ({ service, others }) => `${service.model} → ${others.map((o) => o.host.name).join(', ')}`,
  );
  return `${host.name} drained: it takes no traffic (${moves.join('; ')})`;
}

/** pause_pipeline: `MODEL-features` stops; a stall stops adding to the model's feature lag. */
export function pausePipeline(simulation: Simulation, hostName: string, pipeline: string): string {
  const host = simulation.host(hostName);
  if (!host) throw new RangeError(`no simulated host named "${hostName}"`);
  const model = pipeline.endsWith(PIPELINE_SUFFIX)
    ? pipeline.slice(0, -PIPELINE_SUFFIX.length)
    : undefined;
  if (!host.services.some((s) => s.model === model))
    throw new RangeError(
      `${host.name} has no pipeline "${pipeline}"; its pipelines are ${host.services.map((s) => `${s.model}${PIPELINE_SUFFIX}`).join(', ')}`,
    );
  const stopped = simulation.faults.clearForModel(
    host.name,
    model!,
    ['data_pipeline_stall'],
    simulation.timeMs,
  );
  return `${pipeline} on ${host.name}: paused${stopped > 0 ? ' (its stalled run is stopped; the model serves the last good features)' : ''}`;
}

/** restart_service: the model's server restarts (counters from zero); a stuck state is cleared. */
export function restartService(simulation: Simulation, hostName: string, model: string): string {
  const { host, service } = simulation.serviceOn(hostName, model);
  simulation.faults.clearForModel(
    host.name,
    model,
    ['latency_spike', 'error_burst'],
    simulation.timeMs,
  );
  resetCounters(service);
  return `${model} on ${host.name}: the server restarted on version ${service.version}`;
}
