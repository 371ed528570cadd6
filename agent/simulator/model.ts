// The simulated site: hosts, each with GPUs and model services, driven by explicit simulated time
// in fixed steps, so a seed and the same faults always give the same telemetry whatever the
// caller's timing. Pure: no timers, no I/O; the fleet (fleet.ts) advances it and ships samples.
import type { Sample } from '../../shared/agent-protocol/index.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import { profileOf } from './calibration.ts';
import {
  FaultBook,
  faultEvent,
  FaultSpecSchema,
  type ActiveFault,
  type FaultInput,
  type FaultSpec,
} from './faults.ts';
import {
  gpuSamples,
  newGpu,
  onGpuFault,
  resetVolatile,
  stepGpu,
  type GpuState,
} from './gpuModel.ts';
import { badVersionOf, withVersionEffects } from './modelVersions.ts';
import { servedTraits, setTrafficSplit, stepArms } from './trafficSplit.ts';
import { hashSeed, mulberry32, normal, type Random } from './prng.ts';
import {
  newService,
  resetCounters,
  serviceSamples,
  servingSlots,
  stepService,
  type ServiceState,
} from './serviceModel.ts';

const GIB = 1024 ** 3;
/** The most replicas scale_replicas may ask for on one host. */
export const MAX_REPLICAS = 16;

export interface SimulationOptions {
  hosts: number;
  gpusPerHost: number;
  /** Model services on every host, `name` or `name@version` (presets: gpt2-small, llama-3-8b, resnet50). */
  models: string[];
  seed: number | string;
  startMs: number;
  /** Length of one traffic day; shorter than 24 h makes the diurnal curve visible in a demo. */
  dayLengthMs?: number;
  /** When a traffic day begins (its quietest hour); default midnight UTC. A drill sets it so its
   * traffic is the same whatever the wall-clock hour it runs at. */
  trafficDayStartMs?: number;
  stepMs?: number;
  /** Host names: `${namePrefix}-01`, … (default "sim-gpu" or "sim-cpu"). */
  namePrefix?: string;
}

export interface HostState {
  name: string;
  index: number;
  random: Random;
  gpus: GpuState[];
  services: ServiceState[];
  cpuPercent: number;
  load: [number, number, number];
  cores: number;
  memoryTotalBytes: number;
  memoryUsedBytes: number;
  diskUsedBytes: number;
  rxBytesPerSecond: number;
  txBytesPerSecond: number;
  isDown: boolean;
}

const DISK_TOTAL_BYTES = 3.84e12;

function uuidOf(random: Random): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `GPU-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
}

export function hostName(prefix: string, index: number, hosts: number): string {
  return `${prefix}-${String(index + 1).padStart(Math.max(2, String(hosts).length), '0')}`;
}

function newHost(options: SimulationOptions, index: number, name: string): HostState {
  const random = mulberry32(hashSeed(options.seed, 'host', index));
  const gpus = Array.from({ length: options.gpusPerHost }, (_, g) => newGpu(g, uuidOf(random)));
  const services = options.models.map((spec, m) => {
    const [model, version = '1'] = spec.split('@') as [string, string?];
    // Model m gets every GPU whose index ≡ m (mod models): data-parallel replicas; fewer GPUs than models share.
    const mine = gpus.filter((g) => g.index % options.models.length === m).map((g) => g.index);
    const placed = gpus.length === 0 ? [] : mine.length > 0 ? mine : [m % gpus.length];
    return newService(model, version, profileOf(model), placed);
  });
  const cores = gpus.length > 0 ? 112 : 64;
  return {
    name,
    index,
    random,
    gpus,
    services,
    cpuPercent: 3,
    load: [1, 1, 1],
    cores,
    memoryTotalBytes: (gpus.length > 0 ? 2048 : 512) * GIB,
    memoryUsedBytes: 40 * GIB,
    diskUsedBytes: DISK_TOTAL_BYTES * (0.3 + 0.3 * random()),
    rxBytesPerSecond: 0,
    txBytesPerSecond: 0,
    isDown: false,
  };
}

export class Simulation {
  readonly faults = new FaultBook();
  readonly hosts: HostState[];
  readonly stepMs: number;
  readonly dayLengthMs: number;
  private time: number;
  /** Test hook: a fixed arrival rate per model name instead of the diurnal curve. */
  readonly forcedArrivals = new Map<string, number>();

  constructor(readonly options: SimulationOptions) {
    this.stepMs = options.stepMs ?? 1000;
    this.dayLengthMs = options.dayLengthMs ?? DAY_MS;
    this.time = options.startMs;
    const prefix = options.namePrefix ?? (options.gpusPerHost > 0 ? 'sim-gpu' : 'sim-cpu');
    this.hosts = Array.from({ length: options.hosts }, (_, i) =>
      newHost(options, i, hostName(prefix, i, options.hosts)),
    );
  }

  get timeMs(): number {
    return this.time;
  }

  host(name: string): HostState | undefined {
    return this.hosts.find((h) => h.name === name);
  }

  /** Validates and records a fault at the current simulated time; the caller delivers the event. */
  inject(input: FaultInput): { fault: ActiveFault; event: ReturnType<typeof faultEvent> } {
    const host = this.host(input.target?.host ?? '');
    if (!host)
      throw new RangeError(
        `no simulated host named "${input.target?.host}"; hosts are ${this.hosts.map((h) => h.name).join(', ')}`,
      );
    if (input.target.gpu !== undefined && input.target.gpu >= host.gpus.length)
      throw new RangeError(
        `${host.name} has ${host.gpus.length} GPU(s); there is no GPU ${input.target.gpu}`,
      );
    if (
      input.target.model !== undefined &&
      !host.services.some((s) => s.model === input.target.model)
    ) {
      throw new RangeError(
        `${host.name} serves ${host.services.map((s) => s.model).join(', ')}; not "${input.target.model}"`,
      );
    }
    if (input.kind === 'bad_model_deploy') this.deployBad(host, FaultSpecSchema.parse(input));
    const fault = this.faults.inject(input, this.time);
    return { fault, event: faultEvent(fault) };
  }

  /** bad_model_deploy: the target model (or every model on the host) now runs the bad version. */
  private deployBad(host: HostState, input: FaultSpec): void {
    const services = host.services.filter(
      (s) => input.target.model === undefined || s.model === input.target.model,
    );
    // Checked for every service first, so a refused deploy changes nothing.
    const plan = services.map((s) => {
      const version = input.params.version ?? badVersionOf(s.catalogue);
      this.checkDeploy(host, s, version);
      return { s, version };
    });
    for (const { s, version } of plan) this.install(s, version);
  }

  /**
   * deploy_model_version: the model's server on a host restarts on another version from its
   * catalogue (counters from zero, as a restarted server's are). RangeError for an unknown version.
   */
  deployVersion(hostName: string, model: string, version: string): string {
    const { host, service } = this.serviceOn(hostName, model);
    this.checkDeploy(host, service, version);
    const before = this.install(service, version);
    return `${model} on ${host.name}: version ${before} → ${version} (the server restarted)`;
  }

  /** rollback_model: back to a version this host ran before. */
  rollbackModel(hostName: string, model: string, version: string): string {
    const { host, service } = this.serviceOn(hostName, model);
    if (!service.deployed.includes(version) || version === service.version)
      throw new RangeError(
        `${model} on ${host.name} cannot roll back to version ${version}: it runs ${service.version} and ran ${service.deployed.filter((v) => v !== service.version).join(', ') || 'nothing else'} before`,
      );
    const before = this.install(service, version);
    return `${model} on ${host.name}: rolled back from version ${before} to ${version} (the server restarted)`;
  }

  private checkDeploy(host: HostState, service: ServiceState, version: string): void {
    if (host.isDown) throw new RangeError(`${host.name} is down`);
    if (!service.catalogue.some((v) => v.version === version))
      throw new RangeError(
        `${service.model} has no version ${version}; its versions are ${service.catalogue.map((v) => v.version).join(', ')}`,
      );
    if (service.version === version)
      throw new RangeError(`${service.model} on ${host.name} already runs version ${version}`);
  }

  /** set_traffic_split: a share of the model's requests on this host goes to a variant version. */
  setTrafficSplit(
    hostName: string,
    model: string,
    control: string,
    variant: string,
    variantPercent: number,
  ): string {
    const { host, service } = this.serviceOn(hostName, model);
    return setTrafficSplit(service, host.name, control, variant, variantPercent);
  }

  private install(service: ServiceState, version: string): string {
    const before = service.version;
    // A server restarted on another version ends any split it was running.
    service.split = undefined;
    service.version = version;
    if (!service.deployed.includes(version)) service.deployed.push(version);
    resetCounters(service);
    return before;
  }

  /**
   * scale_replicas: the model's serving replicas on a host (capacity grows or shrinks with them from
   * the next step). RangeError for an unknown host or model, or a host that is down.
   */
  scaleReplicas(hostName: string, model: string, replicas: number): string {
    const { host, service } = this.serviceOn(hostName, model);
    if (!Number.isInteger(replicas) || replicas < 1 || replicas > MAX_REPLICAS)
      throw new RangeError(`replicas must be a whole number from 1 to ${MAX_REPLICAS}`);
    const before = service.replicas;
    service.replicas = replicas;
    return `${model} on ${host.name}: ${before} → ${replicas} replicas`;
  }

  /**
   * fail_over: the model's traffic on a host moves to the same model on a standby host, which serves
   * it from the next step on; the host keeps the model loaded but receives no requests.
   */
  failOver(hostName: string, model: string, standbyName: string): string {
    const { host, service } = this.serviceOn(hostName, model);
    const standby = this.serviceOn(standbyName, model);
    if (standby.host === host)
      throw new RangeError(`the standby must be another host than ${host.name}`);
    if (service.trafficShare === 0)
      throw new RangeError(`${model} on ${host.name} has already failed over and takes no traffic`);
    const moved = service.trafficShare;
    standby.service.trafficShare += moved;
    service.trafficShare = 0;
    return `${model}: traffic moved from ${host.name} to ${standby.host.name} (${standby.host.name} now takes ${standby.service.trafficShare}× its own share)`;
  }

  serviceOn(hostName: string, model: string): { host: HostState; service: ServiceState } {
    const host = this.host(hostName);
    if (!host) throw new RangeError(`no simulated host named "${hostName}"`);
    if (host.isDown) throw new RangeError(`${host.name} is down`);
    const service = host.services.find((s) => s.model === model);
    if (!service)
      throw new RangeError(
        `${host.name} serves ${host.services.map((s) => s.model).join(', ')}; not "${model}"`,
      );
    return { host, service };
  }

  /** Steps every host up to `toMs` (whole steps only: state depends on the time, not on how often this runs). */
  advanceTo(toMs: number): void {
    while (this.time + this.stepMs <= toMs) {
      const from = this.time;
      this.time += this.stepMs;
      for (const host of this.hosts) this.stepHost(host, from, this.time);
    }
  }

  private stepHost(host: HostState, fromMs: number, t: number): void {
    const dt = this.stepMs / 1000;
    const random = host.random;
    for (const fault of this.faults.startedBetween(host.name, fromMs, t)) {
      for (const gpu of host.gpus) {
        if (fault.spec.target.gpu === undefined || fault.spec.target.gpu === gpu.index)
          onGpuFault(gpu, fault.spec.kind, fault.spec.params.xid);
      }
    }
    const isDown = this.faults.isHostDown(host.name, t);
    if (host.isDown && !isDown) {
      // Back from a power cycle: servers restart with fresh counters, volatile ECC counts are cleared.
      for (const s of host.services) resetCounters(s);
      for (const g of host.gpus) resetVolatile(g);
    }
    host.isDown = isDown;
    if (isDown) return;
    for (const s of host.services) {
      const gpus = s.gpus.map((i) => host.gpus[i]!);
      const healthy = gpus.filter((g) => !this.faults.gpu(host.name, g.index, t).isFailed);
      const outcome = stepService(
        s,
        {
          timeMs: t - (this.options.trafficDayStartMs ?? 0),
          dt,
          dayLengthMs: this.dayLengthMs,
          failedShare: gpus.length === 0 ? 0 : 1 - healthy.length / gpus.length,
          speed:
            healthy.length === 0
              ? 1
              : healthy.reduce((sum, g) => sum + g.speed, 0) / healthy.length,
          effects: withVersionEffects(this.faults.model(host.name, s.model, t), servedTraits(s)),
          arrivalsPerSecond: this.forcedArrivals.get(s.model),
        },
        random,
      );
      stepArms(s, outcome, random);
    }
    for (const gpu of host.gpus) {
      let busy = 0;
      let resident = 0;
      for (const s of host.services) {
        if (!s.gpus.includes(gpu.index)) continue;
        const healthy = s.gpus.filter((i) => !host.gpus[i]!.isFailed).length || 1;
        busy += s.profile.gpuIntensity * Math.min(1, s.inService / servingSlots(s, healthy));
        resident += (s.profile.weightsMiB + s.profile.kvCacheMiB) / s.gpus.length;
      }
      stepGpu(gpu, busy, resident, this.faults.gpu(host.name, gpu.index, t), dt, random);
    }
    this.stepHostCounters(host, dt);
  }

  private stepHostCounters(host: HostState, dt: number): void {
    const random = host.random;
    // Tokenisation, batching and the HTTP front end: a few percent of CPU per busy slot; CPU-only hosts do the inference too.
    let busyShare = 0;
    let requestsPerSecond = 0;
    for (const s of host.services) {
      busyShare += Math.min(
        1,
        s.inService / Math.max(1, servingSlots(s, Math.max(1, s.gpus.length))),
      );
      requestsPerSecond += s.inService / s.profile.serviceSeconds;
    }
    const perService = host.gpus.length > 0 ? 12 : 85;
    const target = Math.min(
      100,
      3 + (perService * busyShare) / Math.max(1, host.services.length) + 0.8 * normal(random),
    );
    host.cpuPercent = Math.max(0, target);
    const running = (host.cpuPercent / 100) * host.cores;
    host.load = host.load.map(
      (l, i) => l + (running - l) * (1 - Math.exp(-dt / [60, 300, 900][i]!)),
    ) as [number, number, number];
    const modelBytes = host.services.reduce(
      (sum, s) => sum + s.profile.weightsMiB * 1024 * 1024 * 1.5,
      0,
    );
    host.memoryUsedBytes = Math.min(
      host.memoryTotalBytes,
      40 * GIB + modelBytes + busyShare * 8 * GIB + 200e6 * normal(random),
    );
    host.diskUsedBytes = Math.min(DISK_TOTAL_BYTES, host.diskUsedBytes + 2e5 * dt * random());
    host.rxBytesPerSecond = Math.max(
      0,
      60e3 + requestsPerSecond * 6e3 * (1 + 0.05 * normal(random)),
    );
    host.txBytesPerSecond = Math.max(
      0,
      45e3 + requestsPerSecond * 9e3 * (1 + 0.05 * normal(random)),
    );
  }

  /** The host's telemetry now, with the canonical names and labels the real collectors send. Empty while it is down. */
  samples(hostIndex: number): Sample[] {
    const host = this.hosts[hostIndex];
    if (!host || host.isDown) return [];
    const tsMs = this.time;
    const out: Sample[] = [];
    const add = (metric: string, value: number, labels: Record<string, string> = {}) =>
      out.push({ metric, labels, value, tsMs });
    add('host_cpu_utilization', Math.round(host.cpuPercent * 100) / 100);
    add('host_load1', Math.round(host.load[0] * 100) / 100);
    add('host_load5', Math.round(host.load[1] * 100) / 100);
    add('host_load15', Math.round(host.load[2] * 100) / 100);
    add('host_memory_total_bytes', host.memoryTotalBytes);
    add('host_memory_used_bytes', Math.round(host.memoryUsedBytes));
    add('host_disk_total_bytes', DISK_TOTAL_BYTES, { mount: '/' });
    add('host_disk_used_bytes', Math.round(host.diskUsedBytes), { mount: '/' });
    add('host_network_rx_bytes_per_second', Math.round(host.rxBytesPerSecond), { iface: 'eth0' });
    add('host_network_tx_bytes_per_second', Math.round(host.txBytesPerSecond), { iface: 'eth0' });
    for (const gpu of host.gpus) out.push(...gpuSamples(gpu, tsMs));
    for (const s of host.services) out.push(...serviceSamples(s, tsMs));
    return out;
  }
}
