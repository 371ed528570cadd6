// Runbook documents: a good one reads in full; a bad one reports every mistake at once, each at its
// line, column and field; the built-in runbooks are valid; plans fill templates and type parameters.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionSpec } from '../../../shared/agent-protocol/index.ts';
import {
  formatRunbookProblem,
  isDestructive,
  parseRunbook,
  planDigest,
  planRunbook,
  type Runbook,
} from '../../../shared/domain/runbooks/index.ts';

const GOOD = `apiVersion: mirqab/v1
kind: Runbook
name: rollback-llama
version: 2
title: Roll back llama
steps:
  - id: look
    type: manual
    title: Look at {{incident.model}}
    guidance: "**Check** the chart"
  - id: roll-back
    type: action
    title: Roll back
    action: rollback_model
    host: "{{incident.host}}"
    params:
      model: "{{incident.model}}"
      version: "{{model.lastKnownGood}}"
    healthGate:
      withinMinutes: 10
      accuracyAtLeast: 0.9
  - id: scale
    type: action
    title: Scale
    action: scale_replicas
    host: gpu-01
    params: { model: llama, replicas: "3" }
    destructive: false
`;

const BAD = `apiVersion: mirqab/v2
kind: Runbook
name: Bad Name
version: 0
title: ""
owner: sre
steps:
  - id: look
    type: manual
    title: Look at {{incident.hots}}
  - id: look
    type: action
    title: Roll back
    action: rollback_model
    destructive: false
    params:
      version: "{{model.lastKnownGood"
  - type: script
  - id: note
    type: manual
    title: Note
    healthGate: { withinMinutes: 5 }
  - id: gate
    type: action
    title: Gate
    action: restart_service
    host: gpu-01
    healthGate: { withinMinutes: 0 }
`;

function parsed(text: string): Runbook {
  const result = parseRunbook(text);
  if (!result.ok)
    throw new Error(result.problems.map((p) => formatRunbookProblem(p, 'x')).join('\n'));
  return result.runbook;
}

describe('runbook validation', () => {
  it('reads a good runbook in full, with destructive steps derived from their actions', () => {
    const runbook = parsed(GOOD);
    expect(runbook).toMatchObject({ name: 'rollback-llama', version: 2, description: '' });
    expect(runbook.steps.map((s) => [s.id, s.type, isDestructive(s)])).toEqual([
      ['look', 'manual', false],
      ['roll-back', 'action', true],
      ['scale', 'action', false],
    ]);
  });

  it('reports every mistake of a bad runbook at once, each as FILE:LINE:COLUMN: field: message', () => {
    const result = parseRunbook(BAD);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => formatRunbookProblem(p, 'bad.yaml'))).toEqual([
      'bad.yaml:1:1: apiVersion: must be mirqab/v1',
      'bad.yaml:3:1: name: must be lowercase letters, digits and dashes (at most 63), starting with a letter or digit',
      'bad.yaml:4:1: version: must be at least 1',
      'bad.yaml:5:1: title: must not be empty',
      'bad.yaml:6:1: owner: unknown field',
      'bad.yaml:10:5: steps[0].title: unknown template variable "incident.hots" (known: incident.id, incident.title, incident.priority, incident.service, incident.cluster, incident.host, incident.model, incident.version, model.current, model.lastKnownGood)',
      'bad.yaml:11:5: steps[1].host: is required',
      'bad.yaml:11:5: steps[1].id: "look" is already the id of steps[0]',
      'bad.yaml:15:5: steps[1].destructive: rollback_model changes what serves traffic, so it always needs a second approver',
      'bad.yaml:17:7: steps[1].params.version: has a "{{" or "}}" that is not part of a {{variable}} placeholder',
      'bad.yaml:18:5: steps[2].type: must be "manual" or "action"',
      'bad.yaml:22:5: steps[3].healthGate: unknown field',
      'bad.yaml:28:5: steps[4].healthGate: needs accuracyAtLeast, errorRatioAtMost or both',
      'bad.yaml:28:5: steps[4].healthGate: a health gate watches a model after rollback_model or deploy_model_version only',
      'bad.yaml:28:19: steps[4].healthGate.withinMinutes: must be at least 1 minute',
    ]);
  });

  it('locates YAML syntax errors and refuses empty or multi-document files', () => {
    const syntax = parseRunbook('name: a\nsteps: [1,\n');
    expect(syntax.ok).toBe(false);
    expect(formatRunbookProblem(syntax.problems[0]!, 's.yaml')).toMatch(
      /^s\.yaml:3:1: \(document\): not valid YAML: /,
    );
    expect(parseRunbook('').problems).toEqual([
      { line: 1, col: 1, field: '', message: 'the document is empty' },
    ]);
    const two = parseRunbook(`${GOOD}---\n${GOOD}`);
    expect(two.ok).toBe(false);
    expect(two.problems[0]?.message).toBe(
      'a runbook file holds one document; this one has more (split it at each ---)',
    );
    // A step given as a plain string, and steps that are not a list.
    expect(
      parseRunbook(GOOD.replace(/steps:[\s\S]*$/, 'steps: nothing\n')).problems.map((p) =>
        formatRunbookProblem(p, 'f'),
      ),
    ).toEqual(['f:6:1: steps: must be a list of steps']);
  });

  it('the built-in runbooks are all valid, one per common ML failure', () => {
    const dir = join(import.meta.dirname, '../../../resources/runbooks');
    const names = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => parsed(readFileSync(join(dir, f), 'utf8')).name)
      .sort();
    expect(names).toEqual([
      'drain-gpu-host',
      'pause-data-pipeline',
      'restart-inference-service',
      'rollback-model',
      'scale-out',
      'suspected-data-breach',
    ]);
  });
});

const ROLLBACK: ActionSpec = {
  name: 'rollback_model',
  description: '',
  params: [
    { name: 'model', type: 'string', required: true },
    { name: 'version', type: 'string', required: true },
  ],
  timeoutMs: 10_000,
};
const SCALE: ActionSpec = {
  name: 'scale_replicas',
  description: '',
  params: [
    { name: 'model', type: 'string', required: true },
    { name: 'replicas', type: 'integer', required: true },
  ],
  timeoutMs: 10_000,
};

describe('runbook plans', () => {
  const runbook = parsed(GOOD);
  const hosts = (name: string) =>
    name === 'gpu-01' ? { actions: [ROLLBACK, SCALE], isRevoked: false } : null;

  it('fills templates from the incident and types parameters as the host declares them', () => {
    const plan = planRunbook(
      runbook,
      { 'incident.host': 'gpu-01', 'incident.model': 'llama', 'model.lastKnownGood': 'v6' },
      hosts,
    );
    expect(plan.map((s) => [s.title, s.host, s.action, s.params, s.problems])).toEqual([
      ['Look at llama', null, null, {}, []],
      ['Roll back', 'gpu-01', 'rollback_model', { model: 'llama', version: 'v6' }, []],
      ['Scale', 'gpu-01', 'scale_replicas', { model: 'llama', replicas: 3 }, []],
    ]);
    expect(plan[1]?.healthGate).toEqual({ withinMinutes: 10, accuracyAtLeast: 0.9 });
  });

  it('says what is missing: a value the incident lacks, an unknown host, an undeclared action', () => {
    const plan = planRunbook(
      runbook,
      { 'incident.host': 'gpu-09', 'incident.model': 'llama' },
      hosts,
    );
    expect(plan[1]?.problems).toEqual([
      'version: no value for {{model.lastKnownGood}} in this incident',
      'there is no enrolled host named "gpu-09"',
    ]);
    const bare = planRunbook(
      runbook,
      { 'incident.host': 'gpu-01', 'incident.model': 'llama', 'model.lastKnownGood': 'v6' },
      () => ({
        actions: [ROLLBACK],
        isRevoked: false,
      }),
    );
    expect(bare[2]?.problems).toEqual([
      'host "gpu-01" declares no action "scale_replicas" (it declares: rollback_model)',
    ]);
  });

  it('a plan digest changes when what would run changes, and only then', () => {
    const values = {
      'incident.host': 'gpu-01',
      'incident.model': 'llama',
      'model.lastKnownGood': 'v6',
    };
    const a = planDigest(planRunbook(runbook, values, hosts));
    expect(planDigest(planRunbook(runbook, { ...values }, hosts))).toBe(a);
    expect(
      planDigest(planRunbook(runbook, { ...values, 'model.lastKnownGood': 'v5' }, hosts)),
    ).not.toBe(a);
  });
});
