// The headless drill's responders. The scripted one does what the scenario expects, through the same
// contract calls a person's clicks make, as soon as each thing can be done: acknowledge, set the
// priority and category, name a commander, tell stakeholders, run the expected runbook (a second
// account approves its destructive steps: four eyes hold in drills too), resolve, and write the
// postmortem. The idle one does nothing, so a scenario can be checked to score low when nobody acts.
import type { Level } from '../../shared/domain/incidents/priority.ts';
import type { DrillScenario } from '../../shared/domain/drills/scenario.ts';
import type { IncidentSummary } from '../../shared/ipc/incidentSchemas.ts';
import type { RunbookRun } from '../../shared/ipc/runbookSchemas.ts';
import { pickIncident } from './facts.ts';
import type { ResponderKind } from './responderKinds.ts';
import type { DrillEngine } from './engine.ts';
import type { WorkspaceSession } from './workspace.ts';

export { RESPONDERS, type ResponderKind } from './responderKinds.ts';

export interface Responder {
  /** Called after each step of the drill. */
  act(): Promise<void>;
}

/** The impact and urgency that give each priority in ITIL's matrix. */
const LEVELS_FOR: Record<string, { impact: Level; urgency: Level }> = {
  P1: { impact: 'high', urgency: 'high' },
  P2: { impact: 'high', urgency: 'medium' },
  P3: { impact: 'medium', urgency: 'medium' },
  P4: { impact: 'medium', urgency: 'low' },
  P5: { impact: 'low', urgency: 'low' },
};

const RESPONDER = 'responder';
const APPROVER = 'approver';

export const idleResponder: Responder = { act: () => Promise.resolve() };

export class ScriptedResponder implements Responder {
  private constructor(
    private readonly engine: DrillEngine,
    private readonly me: WorkspaceSession,
    private readonly approver: WorkspaceSession,
  ) {}

  static async create(engine: DrillEngine): Promise<ScriptedResponder> {
    const me = await engine.signIn(RESPONDER, 'incident_commander', 'Scripted responder');
    const approver = await engine.signIn(APPROVER, 'ml_engineer', 'Scripted approver');
    return new ScriptedResponder(engine, me, approver);
  }

  private get scenario(): DrillScenario {
    return this.engine.scenario;
  }

  async act(): Promise<void> {
    const firstInjectAtMs = this.engine.firstInjectAtMs;
    if (firstInjectAtMs === null) return;
    const { items } = await this.me.call('incidents.list', {});
    const incident = pickIncident(this.scenario, items, firstInjectAtMs);
    if (!incident || incident.state === 'closed') return;
    if (incident.state === 'resolved') return this.writePostmortem(incident);
    await this.triage(incident);
    const isMitigated = await this.runRunbook(incident);
    if (isMitigated)
      await this.me.call('incidents.transition', {
        id: incident.id,
        to: 'resolved',
        note: 'Mitigated: service restored (scripted drill responder).',
      });
  }

  private async triage(incident: IncidentSummary): Promise<void> {
    const expected = this.scenario.expected;
    const id = incident.id;
    if (incident.acknowledgedAt === null) await this.me.call('incidents.acknowledge', { id });
    if (incident.priority !== expected.priority)
      await this.me.call('incidents.setPriority', {
        id,
        ...LEVELS_FOR[expected.priority]!,
        reason: 'as the drill scenario expects',
      });
    if (expected.category && incident.category !== expected.category)
      await this.me.call('incidents.update', { id, category: expected.category });
    if (expected.commander && incident.commander === null)
      await this.me.call('incidents.assignRole', { id, role: 'commander', username: RESPONDER });
    if (expected.escalateTo) {
      const detail = await this.me.call('incidents.get', { id });
      if (!detail.team.some((m) => m.function === expected.escalateTo))
        await this.me.call('incidents.setTeamMember', {
          id,
          username: APPROVER,
          function: expected.escalateTo,
        });
    }
    if (expected.communications) {
      const detail = await this.me.call('incidents.get', { id });
      if (!detail.timeline.some((e) => e.kind === 'note' && e.actor === RESPONDER))
        await this.me.call('incidents.addNote', {
          id,
          text: `Status: investigating "${incident.title}". Next update in 15 minutes.`,
        });
    }
  }

  /** Starts the expected runbook and moves its steps on; true once it has finished (or none is expected). */
  private async runRunbook(incident: IncidentSummary): Promise<boolean> {
    const name = this.scenario.expected.runbook;
    if (name === undefined) return true;
    const { runs } = await this.me.call('runbooks.forIncident', { incidentId: incident.id });
    const run = runs.find((r) => r.runbook === name);
    if (!run) {
      const plan = await this.me.call('runbooks.dryRun', { incidentId: incident.id, name });
      if (!plan.canRun) return false;
      await this.me.call('runbooks.start', {
        incidentId: incident.id,
        name,
        version: plan.version,
        digest: plan.digest,
      });
      return false;
    }
    if (run.state !== 'running') return run.state === 'succeeded';
    await this.moveOn(run);
    return false;
  }

  private async moveOn(run: RunbookRun): Promise<void> {
    const step = run.steps.find((s) => !['succeeded', 'done', 'skipped'].includes(s.status));
    if (!step) return;
    if (step.type === 'manual' && step.status === 'pending')
      await this.me.call('runbooks.completeStep', {
        runId: run.id,
        stepIndex: step.index,
        note: 'done (scripted drill responder)',
      });
    else if (step.status === 'awaiting_approval')
      await this.approver.call('runbooks.approveStep', { runId: run.id, stepIndex: step.index });
  }

  private async writePostmortem(incident: IncidentSummary): Promise<void> {
    if (!this.scenario.expected.postmortem) return;
    const existing = await this.me.call('postmortems.forIncident', { incidentId: incident.id });
    if (existing.postmortemId !== null && existing.state !== 'draft') return;
    const pm =
      existing.postmortemId === null
        ? await this.me.call('postmortems.create', { incidentId: incident.id })
        : await this.me.call('postmortems.get', { id: existing.postmortemId });
    await this.me.call('postmortems.update', {
      id: pm.id,
      sections: {
        summary: `Drill: ${this.scenario.title}.`,
        rootCauses: 'The fault the drill injected.',
        resolution: this.scenario.expected.runbook
          ? `Ran the ${this.scenario.expected.runbook} runbook.`
          : 'Handled by hand.',
      },
    });
    await this.me.call('postmortems.setReviewers', { id: pm.id, usernames: [APPROVER] });
    await this.me.call('postmortems.submit', { id: pm.id });
  }
}

export async function createResponder(
  kind: ResponderKind,
  engine: DrillEngine,
): Promise<Responder> {
  return kind === 'scripted' ? ScriptedResponder.create(engine) : idleResponder;
}
