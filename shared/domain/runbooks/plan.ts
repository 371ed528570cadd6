// Resolving a runbook against one incident: every template filled, every host named, every parameter
// typed as the host's agent declares it. The dry-run shows this plan and a run executes this same plan
// (stored when the run starts), so what was reviewed is exactly what runs.
import type { ActionSpec } from '../../agent-protocol/index.ts';
import { isDestructive, type HealthGate, type Runbook } from './schema.ts';
import { renderTemplate, type TemplateValues } from './template.ts';

export type ParamValue = string | number | boolean;

export interface PlannedStep {
  index: number;
  id: string;
  type: 'manual' | 'action';
  title: string;
  /** Manual steps: the guidance, with its placeholders filled where known. */
  guidance: string;
  action: string | null;
  /** The host the action runs on, by name. */
  host: string | null;
  params: Record<string, ParamValue>;
  isDestructive: boolean;
  healthGate: HealthGate | null;
  /** Why the step cannot run as planned; empty when it can. */
  problems: string[];
}

/** What the plan needs to know of a host: whether it is enrolled, and what its agent declared. */
export interface HostView {
  /** Null until the host's agent says hello (its actions are unknown). */
  actions: readonly ActionSpec[] | null;
  isRevoked: boolean;
}

export type HostLookup = (name: string) => HostView | null;

/** Text to the parameter's declared type, as an operator would write it (templates yield text). */
function typed(
  value: ParamValue,
  spec: ActionSpec['params'][number],
): { value: ParamValue } | { problem: string } {
  if (spec.type === 'integer' && typeof value === 'string') {
    if (!/^-?\d{1,15}$/.test(value.trim()))
      return { problem: `parameter "${spec.name}" must be a whole number, not "${value}"` };
    return { value: Number(value.trim()) };
  }
  if (spec.type === 'boolean' && typeof value === 'string') {
    if (value !== 'true' && value !== 'false')
      return { problem: `parameter "${spec.name}" must be true or false, not "${value}"` };
    return { value: value === 'true' };
  }
  if (spec.type === 'string' && typeof value !== 'string') return { value: String(value) };
  return { value };
}

function checkAgainstSpec(
  params: Record<string, ParamValue>,
  spec: ActionSpec,
  problems: string[],
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(params)) {
    const declared = spec.params.find((p) => p.name === name);
    if (!declared) {
      problems.push(`${spec.name} takes no parameter "${name}"`);
      continue;
    }
    const result = typed(value, declared);
    if ('problem' in result) problems.push(result.problem);
    else out[name] = result.value;
  }
  for (const p of spec.params)
    if (p.required && params[p.name] === undefined)
      problems.push(`${spec.name} needs the parameter "${p.name}"`);
  return out;
}

const missingText = (names: readonly string[]) =>
  `no value for ${names.map((n) => `{{${n}}}`).join(', ')} in this incident`;

/** Resolves every step of the runbook for one incident. */
export function planRunbook(
  runbook: Runbook,
  values: TemplateValues,
  hostOf: HostLookup,
): PlannedStep[] {
  return runbook.steps.map((step, index) => {
    const title = renderTemplate(step.title, values).text;
    const base = { index, id: step.id, title, isDestructive: isDestructive(step) };
    if (step.type === 'manual')
      return {
        ...base,
        type: 'manual',
        guidance: renderTemplate(step.guidance, values).text,
        action: null,
        host: null,
        params: {},
        healthGate: null,
        problems: [],
      };
    const problems: string[] = [];
    const host = renderTemplate(step.host, values);
    if (host.missing.length > 0) problems.push(`host: ${missingText(host.missing)}`);
    let params: Record<string, ParamValue> = {};
    for (const [name, raw] of Object.entries(step.params)) {
      if (typeof raw !== 'string') {
        params[name] = raw;
        continue;
      }
      const rendered = renderTemplate(raw, values);
      if (rendered.missing.length > 0) problems.push(`${name}: ${missingText(rendered.missing)}`);
      params[name] = rendered.text;
    }
    if (host.missing.length === 0) {
      const view = hostOf(host.text);
      if (!view) problems.push(`there is no enrolled host named "${host.text}"`);
      else if (view.isRevoked) problems.push(`host "${host.text}" is revoked`);
      else if (!view.actions)
        problems.push(`host "${host.text}" has not connected yet, so its actions are unknown`);
      else {
        const spec = view.actions.find((a) => a.name === step.action);
        if (!spec)
          problems.push(
            `host "${host.text}" declares no action "${step.action}" (it declares: ${view.actions.map((a) => a.name).join(', ') || 'none'})`,
          );
        else params = checkAgainstSpec(params, spec, problems);
      }
    }
    return {
      ...base,
      type: 'action',
      guidance: '',
      action: step.action,
      host: host.text,
      params,
      healthGate: step.healthGate ?? null,
      problems,
    };
  });
}

/** A short fingerprint of what a plan would run (hosts, actions, parameters), to tell a changed plan. */
export function planDigest(steps: readonly PlannedStep[]): string {
  const text = JSON.stringify(
    steps.map((s) => [
      s.id,
      s.type,
      s.host,
      s.action,
      Object.entries(s.params).sort(),
      s.isDestructive,
    ]),
  );
  // FNV-1a (32 bit) twice with different offsets: not for security, only to spot a change.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ text.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
