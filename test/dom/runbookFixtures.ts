// Runbook fixtures for the DOM tests: one library entry, its dry-run on incident 1, a run of it, and a
// fake bridge answering the incident and runbook channels (tests override what they need).
import { fireEvent, screen } from '@testing-library/react';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { DryRun, RunbookRun, RunbookSummary } from '../../shared/ipc/runbookSchemas.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { countsOf, detail, incident } from './incidentFixtures.ts';

/** The incident page draws charts; jsdom has no canvas. */
export function stubCanvas() {
  const original = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'getContext');
  beforeAll(() => {
    Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
      configurable: true,
      value: () => null,
    });
  });
  afterAll(() => {
    if (original) Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', original);
  });
}

export const summary: RunbookSummary = {
  name: 'rollback-model',
  version: 1,
  title: 'Roll back a model to its last known-good version',
  stepCount: 2,
  destructiveStepCount: 1,
  isBuiltin: true,
  versionCount: 1,
  importedAt: '2026-11-26T05:00:00.000Z',
  importedBy: 'system:builtin-runbooks',
};

export const plan: DryRun = {
  incidentId: 1,
  runbook: 'rollback-model',
  version: 1,
  title: summary.title,
  digest: '0123456789abcdef',
  canRun: true,
  steps: [
    {
      index: 0,
      id: 'confirm',
      type: 'manual',
      title: 'Confirm the regression',
      guidance: '',
      action: null,
      host: null,
      params: {},
      isDestructive: false,
      healthGate: null,
      problems: [],
    },
    {
      index: 1,
      id: 'roll-back',
      type: 'action',
      title: 'Roll llama back to v6',
      guidance: '',
      action: 'rollback_model',
      host: 'gpu-01',
      params: { model: 'llama', version: 'v6' },
      isDestructive: true,
      healthGate: { withinMinutes: 10, accuracyAtLeast: 0.8 },
      problems: [],
    },
  ],
};

export const run = (requestedBy: string): RunbookRun => ({
  id: 7,
  incidentId: 1,
  runbook: 'rollback-model',
  version: 1,
  title: summary.title,
  state: 'running',
  requestedBy,
  trigger: 'operator',
  digest: plan.digest,
  startedAt: '2026-11-26T06:00:00.000Z',
  finishedAt: null,
  reason: null,
  steps: plan.steps.map(({ problems: _, ...s }, i) => ({
    ...s,
    status: i === 0 ? 'done' : 'awaiting_approval',
    actor: i === 0 ? requestedBy : null,
    approvedBy: null,
    output: null,
    reason: null,
    startedAt: null,
    finishedAt: null,
    gateStatus: null,
    gateUntil: null,
  })),
});

export function runbookBridge(role: Role, extra: Handlers = {}) {
  const rows = [incident(1, { title: 'llama accuracy drop', category: 'model_accuracy' })];
  return createFakeBridge({
    ...signedInHandlers(role),
    'incidents.list': () => ({ items: rows, total: rows.length }),
    'incidents.counts': () => countsOf(rows),
    'incidents.get': () => detail(rows[0]!),
    'runbooks.list': () => ({ items: [summary] }),
    'runbooks.forIncident': () => ({
      suggestions: [
        {
          runbook: 'rollback-model',
          title: summary.title,
          mode: 'suggest',
          because: "the incident's category is model_accuracy",
        },
      ],
      runs: [],
    }),
    'runbooks.dryRun': () => plan,
    'runbooks.rules': () => ({ items: [] }),
    ...extra,
  });
}

export async function openIncident() {
  fireEvent.click(await screen.findByTestId('nav-incidents'));
  fireEvent.click((await screen.findAllByTestId('incident-row'))[0]!);
  return screen.findByTestId('incident-runbooks');
}
