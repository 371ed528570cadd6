// What an agent reported, in the UI language: each event kind has a sentence with its details as
// parameters; an event this console does not know keeps the agent's own (English) message.
import type { TFunction } from 'i18next';
import type { FleetHostDetail } from '../../../shared/ipc/contract.ts';

type AgentEvent = FleetHostDetail['events'][number];

const text = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : null;

/** "gpu-03 / GPU 2 / llama-70b": where a simulated fault was put. */
function faultTarget(target: unknown, t: TFunction): string | null {
  if (!target || typeof target !== 'object') return null;
  const { host, gpu, model } = target as Record<string, unknown>;
  const parts = [
    text(host),
    text(gpu) === null ? null : `${t('fleet.fault.gpu')} ${text(gpu)}`,
    text(model),
  ].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' / ') : null;
}

function sentence(event: AgentEvent, t: TFunction): string | null {
  const d = event.details;
  const k = (key: string, params: Record<string, string | null>) =>
    Object.values(params).every((v) => v !== null) ? t(`systemText.events.${key}`, params) : null;
  switch (event.kind) {
    case 'started':
      return t('systemText.events.started');
    case 'gap':
      if (d.reason === 'spool write failed')
        return k('spoolWriteFailed', { samples: text(d.samples) });
      if (d.reason === 'result store full')
        return k('resultDropped', { status: text(d.status), commandId: text(d.commandId) });
      return k('spoolGap', {
        batches: text(d.batches),
        fromSeq: text(d.fromSeq),
        toSeq: text(d.toSeq),
        samples: text(d.samples),
      });
    case 'scrape_failed':
      return d.state === 'ok'
        ? k('scrapeOk', { target: text(d.target) })
        : k('scrapeFailed', { target: text(d.target), reason: text(d.reason) });
    case 'gpu_state':
      if (d.state === 'ok') return k('gpuOk', { gpus: text(d.gpus) });
      return k(d.state === 'absent' ? 'gpuAbsent' : 'gpuFailed', { reason: text(d.reason) });
    case 'action_refused':
      return k('actionRefused', { action: text(d.action), reason: text(d.reason) });
    case 'fault_injected': {
      const fault = text(d.fault);
      return k('faultInjected', {
        fault: fault && t(`fleet.fault.kinds.${fault}`, { defaultValue: fault }),
        where: faultTarget(d.target, t),
        seconds: text(d.durationSeconds),
      });
    }
    case 'witness_alarm':
      return k('witnessAlarm', { code: text(d.code) });
    case 'command_result':
      return text(d.action)
        ? k('commandResult', { action: text(d.action), status: text(d.status) })
        : k('commandResultUnknown', { status: text(d.status) });
    default:
      return null;
  }
}

export function agentEventText(event: AgentEvent, t: TFunction): string {
  return sentence(event, t) ?? event.message;
}

export function agentEventKind(kind: string, t: TFunction): string {
  return t(`systemText.eventKinds.${kind}`, { defaultValue: kind });
}

/** A simulated host's built-in actions are described in the UI language; a real agent's as declared. */
export function actionDescription(
  action: { name: string; description: string },
  simulated: boolean,
  t: TFunction,
): string {
  if (!simulated) return action.description;
  return t(`systemText.actionDescriptions.${action.name}`, { defaultValue: action.description });
}
