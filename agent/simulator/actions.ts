// The actions every simulated host declares in its hello, as a real agent's config would declare
// scripts: scale a model's replicas, fail a model over to a standby host, deploy a model version or
// roll one back, split traffic between two versions (A/B), drain the host, pause a feature pipeline, restart a model's server. They go through the same
// guard as real actions (declared names, typed parameters, one run at a time, refusals reported) and
// change the simulation instead of running a program, so SLO enforcement can be drilled end to end:
// the SLI recovers because the fault's traffic really moved.
import type { ActionSpec } from '../../shared/agent-protocol/index.ts';
import type { ActionExecutor, Execution } from '../actions.ts';
import { MAX_REPLICAS, type Simulation } from './model.ts';
import { drainHost, pausePipeline, restartService } from './siteActions.ts';

const NAME = '[A-Za-z0-9][A-Za-z0-9._-]{0,127}';
const VERSION = '[A-Za-z0-9][A-Za-z0-9._+-]{0,63}';
/** Free text for the record (an incident's title), without control characters. */
const REASON = '[^\\u0000-\\u001f\\u007f]{1,500}';

/** deploy_model_version and rollback_model take the same parameters, as a real agent's would. */
function versionAction(name: string, description: string): ActionSpec {
  return {
    name,
    description,
    params: [
      { name: 'model', type: 'string', pattern: NAME, required: true },
      { name: 'version', type: 'string', pattern: VERSION, required: true },
    ],
    timeoutMs: 30_000,
  };
}

export const SIMULATED_ACTIONS: ActionSpec[] = [
  {
    name: 'scale_replicas',
    description:
      'Set how many replicas serve a model on this host (capacity follows from the next second).',
    params: [
      { name: 'model', type: 'string', pattern: NAME, required: true },
      { name: 'replicas', type: 'integer', min: 1, max: MAX_REPLICAS, required: true },
    ],
    timeoutMs: 10_000,
  },
  {
    name: 'fail_over',
    description: "Move a model's traffic from this host to the same model on a standby host.",
    params: [
      { name: 'model', type: 'string', pattern: NAME, required: true },
      { name: 'standby', type: 'string', pattern: NAME, required: true, refersTo: 'host' },
    ],
    timeoutMs: 10_000,
  },
  versionAction(
    'deploy_model_version',
    "Restart a model's server on this host on another version of the model.",
  ),
  versionAction(
    'rollback_model',
    "Restart a model's server on this host on a version it ran before.",
  ),
  {
    name: 'set_traffic_split',
    description:
      "Route a share of a model's requests on this host to a variant version (an A/B experiment); 0 % sends all back to the control.",
    params: [
      { name: 'model', type: 'string', pattern: NAME, required: true },
      { name: 'control', type: 'string', pattern: VERSION, required: true },
      { name: 'variant', type: 'string', pattern: VERSION, required: true },
      { name: 'variant_percent', type: 'integer', min: 0, max: 100, required: true },
    ],
    timeoutMs: 10_000,
  },
  {
    name: 'drain_host',
    description:
      "Take this host out of service: each model's traffic moves to the other hosts serving it.",
    params: [{ name: 'reason', type: 'string', pattern: REASON, required: false }],
    timeoutMs: 30_000,
  },
  {
    name: 'pause_pipeline',
    description: "Pause a model's feature pipeline (MODEL-features) on this host.",
    params: [{ name: 'pipeline', type: 'string', pattern: NAME, required: true }],
    timeoutMs: 10_000,
  },
  {
    name: 'restart_service',
    description: "Restart a model's server on this host (its queue and counters start afresh).",
    params: [{ name: 'model', type: 'string', pattern: NAME, required: true }],
    timeoutMs: 30_000,
  },
];

function change(
  simulation: Simulation,
  hostName: string,
  action: string,
  values: Map<string, string>,
) {
  const model = values.get('model')!;
  switch (action) {
    case 'drain_host':
      return drainHost(simulation, hostName);
    case 'pause_pipeline':
      return pausePipeline(simulation, hostName, values.get('pipeline')!);
    case 'restart_service':
      return restartService(simulation, hostName, model);
    case 'scale_replicas':
      return simulation.scaleReplicas(hostName, model, Number(values.get('replicas')));
    case 'fail_over':
      return simulation.failOver(hostName, model, values.get('standby')!);
    case 'deploy_model_version':
      return simulation.deployVersion(hostName, model, values.get('version')!);
    case 'rollback_model':
      return simulation.rollbackModel(hostName, model, values.get('version')!);
    case 'set_traffic_split':
      return simulation.setTrafficSplit(
        hostName,
        model,
        values.get('control')!,
        values.get('variant')!,
        Number(values.get('variant_percent')),
      );
    default:
      throw new RangeError(`the simulator has no action "${action}"`);
  }
}

/**
 * Runs a simulated action on one host. `apply` runs the change in the fleet's serial order (after
 * the simulation has caught up with now), so it never lands mid-step.
 */
export function simulatedActionExecutor(
  simulation: Simulation,
  hostName: string,
  apply: <T>(change: () => T) => Promise<T>,
  now: () => number = Date.now,
): ActionExecutor {
  return async (action, values) => {
    const started = now();
    const finish = (status: Execution['status'], output: string, reason?: string): Execution => ({
      status,
      exitCode: status === 'ok' ? 0 : 1,
      output,
      durationMs: Math.max(0, now() - started),
      ...(reason ? { reason } : {}),
    });
    try {
      const output = await apply(() => change(simulation, hostName, action.name, values));
      return finish('ok', `${output}\n`);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return finish('failed', `${error.message}\n`, error.message);
    }
  };
}
