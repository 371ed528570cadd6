// A live drill in the site's console, on real parts: the drill's workspace is a second encrypted
// store with its own simulated agents (real wss + mutual TLS). A participant who joins works the
// drill's incident through the ordinary channels; the site's own incidents, MTTx figures and audit
// stay the site's; ending scores the drill and gives the participant the site back.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventAudience } from '../../../main/core/events.ts';
import type { DrillStatus } from '../../../shared/ipc/drillSchemas.ts';
import { setUpSite, type Client, type TestSite } from '../../helpers/console.ts';

let site: TestSite;
let facilitator: Client;
let responder: Client;
const heard: { event: string; audience?: EventAudience }[] = [];

/** Resolves once the drill's status meets `isMet`, looking again at every drill.changed event. */
function statusWhere(client: Client, isMet: (s: DrillStatus) => boolean): Promise<DrillStatus> {
  return new Promise((resolve, reject) => {
    let isLooking = false;
    let isDone = false;
    const look = async () => {
      if (isLooking || isDone) return;
      isLooking = true;
      try {
        const status = await client.must('drill.status', {});
        if (isMet(status)) {
          isDone = true;
          stop();
          resolve(status);
        }
      } catch (error) {
        stop();
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        isLooking = false;
      }
    };
    const stop = site.app.onEvent((event) => {
      if (event === 'drill.changed') void look();
    });
    void look();
  });
}

beforeAll(async () => {
  site = await setUpSite();
  facilitator = site.admin;
  responder = await site.operatorWithRole('incident_commander', 'layla');
  site.app.onEvent((event, _payload, audience) => heard.push({ event, audience }));
  // The site's own history, which a drill must leave as it is.
  await responder.must('incidents.declare', {
    title: 'Real: storage array degraded',
    impact: 'medium',
    urgency: 'medium',
    category: 'other',
  });
});

afterAll(() => site.cleanup());

describe('a live drill', () => {
  it('runs in a workspace of its own that a participant joins and works', async () => {
    const before = {
      incidents: await facilitator.must('incidents.list', {}),
      stats: await facilitator.must('incidents.stats', {}),
    };
    const started = await facilitator.must('drill.start', {
      scenario: 'bad-model-deploy',
      speed: 60,
      team: 'Blue team',
    });
    expect(started.live).toMatchObject({ scenario: 'bad-model-deploy', state: 'preparing' });
    await statusWhere(facilitator, (s) => s.live?.state === 'running');

    await responder.must('drill.join', {});
    const joined = await responder.must('drill.status', {});
    expect(joined.isJoined).toBe(true);
    expect(joined.live!.participants).toEqual(['layla']);
    // The participant's screens now read the drill's workspace: its simulated site, no real incident.
    const hosts = await responder.must('fleet.list', {});
    expect(hosts.map((h) => h.name).sort()).toEqual(['sim-gpu-01', 'sim-gpu-02']);
    expect((await responder.must('incidents.list', {})).items).toEqual([]);

    const withIncident = await statusWhere(facilitator, (s) => s.live?.incident != null);
    const drillIncident = withIncident.live!.incident!;
    const acked = await responder.must('incidents.acknowledge', { id: drillIncident.id });
    expect(acked.isDrill).toBe(true);
    expect(acked.acknowledgedBy).toBe('layla');
    await responder.must('incidents.addNote', {
      id: drillIncident.id,
      text: 'Rolling llama-3-8b back <script>alert(1)</script>',
    });
    await facilitator.must('drill.hint', { index: 0 });

    // Events: the participant hears the workspace; the facilitator, outside it, does not.
    const fromDrill = heard.find(
      (h) => h.event === 'incidents.changed' && h.audience?.origin === 'drill',
    );
    expect(fromDrill).toBeDefined();
    expect(site.app.canReceive(responder.ctx.sessionToken, fromDrill!.audience)).toBe(true);
    expect(site.app.canReceive(facilitator.ctx.sessionToken, fromDrill!.audience)).toBe(false);
    const drillChanged = heard.find((h) => h.event === 'drill.changed')!;
    expect(site.app.canReceive(responder.ctx.sessionToken, drillChanged.audience)).toBe(true);
    expect(site.app.canReceive(facilitator.ctx.sessionToken, drillChanged.audience)).toBe(true);

    // The site never saw the drill's incident.
    expect(await facilitator.must('incidents.list', {})).toEqual(before.incidents);

    const result = await facilitator.must('drill.end', {});
    expect(result.state).toBe('ended');
    expect(result.participants).toEqual(['layla']);
    const byKey = Object.fromEntries(result.components.map((c) => [c.key, c]));
    expect(byKey.detect!.fraction).toBe(1);
    expect(byKey.acknowledge!.fraction).toBe(1);
    expect(byKey.acknowledge!.evidence[0]!.text).toBe('layla acknowledged the incident');
    expect(byKey.communications!.fraction).toBe(1);
    expect(byKey.runbook!.outcome).toBe('no runbook was run');
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(70);
    expect(result.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['started', 'inject', 'hint', 'ended']),
    );

    // Ended: the participant's next call reaches the site again, as the site's own operator.
    expect(await responder.must('incidents.list', {})).toEqual(before.incidents);
    expect((await responder.must('drill.status', {})).isJoined).toBe(false);
    // Real MTTx figures are the site's alone.
    expect(await facilitator.must('incidents.stats', {})).toEqual(before.stats);

    const runs = await facilitator.must('drill.runs', {});
    expect(runs).toEqual([
      expect.objectContaining({ id: result.id, team: 'Blue team', score: result.score }),
    ]);
    const audit = await facilitator.must('audit.list', { limit: 200 });
    const actions = audit.entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['drill.start', 'drill.join', 'drill.hint', 'drill.end']),
    );
  });

  it('records the debrief, exports the report as a drill and purges the workspace', async () => {
    const [run] = await facilitator.must('drill.runs', {});
    const saved = await facilitator.must('drill.saveDebrief', {
      id: run!.id,
      debrief: [{ question: 'What did we see first?', answer: 'The accuracy alert.' }],
      actionItems: [{ text: 'Page the ML on-call for accuracy alerts', owner: 'layla' }],
    });
    expect(saved.actionItems).toEqual([
      { text: 'Page the ML on-call for accuracy alerts', owner: 'layla' },
    ]);
    const exported = await facilitator.must('drill.export', { id: run!.id, format: 'csv' });
    const scoreCsv = exported.files.find((f) => f.name.endsWith('-score.csv'))!;
    const text = readFileSync(join(exported.directory, scoreCsv.name), 'utf8');
    expect(text).toMatch(/DRILL/);
    expect(text).toMatch(/acknowledge/);

    const workspace = join(site.dataDir, 'drills', String(run!.id));
    expect(existsSync(workspace)).toBe(true);
    await facilitator.must('drill.purge', { id: run!.id });
    expect(existsSync(workspace)).toBe(false);
    expect((await facilitator.must('drill.run', { id: run!.id })).isPurged).toBe(true);
  });

  it('refuses what makes no sense, with a reason', async () => {
    const noDrill = await facilitator.call('drill.pause', {});
    expect(noDrill).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'No drill is running.' },
    });
    const unknown = await facilitator.call('drill.start', { scenario: 'no-such-drill', speed: 10 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const notAllowed = await (
      await site.operatorWithRole('viewer', 'vera')
    ).call('drill.start', {
      scenario: 'bad-model-deploy',
      speed: 10,
    });
    expect(notAllowed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
