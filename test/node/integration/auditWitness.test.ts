// A real agent, paired with a real console over wss + mutual TLS, witnessing the console's audit log
// from its own folder; the attacker holds the console's store key, and the real `mirqab` command
// line judges the store afterwards.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readWitnessState } from '../../../agent/witness.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { startTestAgent, type TestAgent } from '../agent/agentFixture.ts';
import { tamper } from '../audit/auditStore.ts';
import { dropCheckpoints, replaceSigningKey, rewriteLog } from '../audit/forge.ts';
import { mirqab, mirqabAgent } from '../audit/mirqabCli.ts';
import { setUpFleetSite, type FleetSite } from '../fleet/fleetSite.ts';
import { openRaw } from '../store/rawDb.ts';

const sites: FleetSite[] = [];
afterEach(() => {
  for (const site of sites.splice(0)) site.cleanup();
});

type WitnessRow = { witness_id: string; tree_size: number; console_key_fingerprint: string };

const raw = (s: FleetSite) => openRaw(join(s.dataDir, 'mirqab.db'), s.recoveryKey);
const maxCheckpoint = (s: FleetSite) =>
  s.query<{ n: number | null }>('SELECT max(tree_size) AS n FROM audit_checkpoints')[0]?.n ?? null;

/** A console site with one real agent enrolled, which has cosigned the console's newest checkpoint. */
async function witnessedSite(): Promise<{ s: FleetSite; t: TestAgent; witnessed: number }> {
  const s = await setUpFleetSite();
  sites.push(s);
  const t = await startTestAgent();
  await s.admin.must('fleet.enrol', {
    address: `127.0.0.1:${t.agent.port}`,
    pairingCode: t.pairingCode,
    name: 'gpu-node-01',
    clusterId: s.clusterId,
  });
  // A sensitive change after enrolment: checkpointed at once and shown to the connected witness.
  await s.admin.must('operators.create', {
    username: 'noura',
    displayName: 'Noura',
    role: 'operator',
    password: 'noura-password-1',
  });
  const witnessed = await vi.waitFor(
    () => {
      const [row] = s.query<WitnessRow>(
        'SELECT witness_id, tree_size, console_key_fingerprint FROM audit_witnesses',
      );
      expect(row?.witness_id).toBe(t.agent.agentId);
      expect(row?.tree_size).toBe(maxCheckpoint(s));
      return row!.tree_size;
    },
    { timeout: 10_000, interval: 20 },
  );
  expect(readWitnessState(t.identityDir)?.checkpoint.treeSize).toBe(witnessed);
  return { s, t, witnessed };
}

async function waitForAlarm(s: FleetSite, code: string): Promise<void> {
  await vi.waitFor(
    () => {
      const alarms = s.query<{ details: string }>(
        "SELECT details FROM audit_log WHERE action = 'audit.witnessAlarm'",
      );
      expect(alarms.map((a) => (JSON.parse(a.details) as { code: string }).code)).toContain(code);
    },
    { timeout: 10_000, interval: 20 },
  );
}

describe('paired agents witnessing the audit log', () => {
  it('(b) cutting witnessed entries with their checkpoints fails verify; deleting the witness records too, the agent refuses on its next connection and verify fails again', async () => {
    const { s, t, witnessed } = await witnessedSite();
    s.app.close();
    const keep = witnessed - 3;
    tamper(raw(s), `DELETE FROM audit_log WHERE seq > ${keep}`);
    dropCheckpoints(raw(s), `tree_size > ${keep}`);

    const cut = await mirqab(['audit', 'verify', '--data-dir', s.dataDir]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(
      new RegExp(
        `^FAILED: the log ends at entry ${keep}, but witness gpu-node-01 \\(key [0-9a-f]{16}…\\) cosigned entries 1 to ${witnessed} at .*: the newest entries were removed`,
        'm',
      ),
    );
    expect(cut.stdout).toMatch(
      new RegExp(
        `^witness gpu-node-01 \\(key [0-9a-f]{64}\\): cosigned entries 1 to ${witnessed} at `,
        'm',
      ),
    );
    expect(maxCheckpoint(s)).toBeLessThanOrEqual(keep); // verify signed nothing over the cut log

    // The attacker deletes what the console recorded of its witnesses as well; the agent still holds its own copy.
    const db = raw(s);
    db.exec('DELETE FROM audit_witnesses');
    db.close();
    await s.restart();
    await waitForAlarm(s, 'rollback');
    expect(
      t.logs.records.find((r) => r.message === "refused to cosign the console's audit checkpoint")
        ?.fields,
    ).toMatchObject({ code: 'rollback', heldTreeSize: witnessed });
    const signedAfterCut = maxCheckpoint(s);
    s.app.close();
    const again = await mirqab(['audit', 'verify', '--data-dir', s.dataDir]);
    expect(again.code).toBe(1);
    // The console has written new entries since, so the witness now sees either a cut or a rewritten history.
    expect(again.stdout).toMatch(
      new RegExp(
        `^FAILED: .*witness gpu-node-01 \\(key [0-9a-f]{16}…\\) cosigned entries 1 to ${witnessed} at .*: (the newest entries were removed|the log was rewritten)`,
        'm',
      ),
    );
    expect(maxCheckpoint(s)).toBe(signedAfterCut);
  }, 120_000);

  it('(c) a history re-signed under a fresh key: the witness refuses the new key and says so in the log, and its own checkpoint and cosignature contradict the new bundle', async () => {
    const { s, t } = await witnessedSite();
    const printed = await mirqabAgent(['witness', '--dir', t.identityDir]);
    expect(printed.code).toBe(0);
    const held = JSON.parse(printed.stdout) as {
      witnessKeyFingerprint: string;
      checkpoint: { treeSize: number; keyFingerprint: string };
    };
    const witnessFile = join(tempDir(), 'witness.json');
    writeFileSync(witnessFile, printed.stdout);

    // An honest export carries the witness's cosignature, and extends what the witness holds.
    s.app.close();
    const honest = join(tempDir(), 'honest');
    expect((await mirqab(['audit', 'export', '--data-dir', s.dataDir, '--out', honest])).code).toBe(
      0,
    );
    expect(readFileSync(join(honest, 'SUMMARY.txt'), 'utf8')).toMatch(
      /Witnesses: {8}gpu-node-01 \(\d+ entries\)/,
    );
    const good = await mirqab([
      'audit',
      'verify-bundle',
      honest,
      '--previous',
      witnessFile,
      '--expect-witness',
      held.witnessKeyFingerprint,
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(
      new RegExp(
        `^witness gpu-node-01 \\(key ${held.witnessKeyFingerprint}\\): cosigned entries 1 to ${held.checkpoint.treeSize} at `,
        'm',
      ),
    );

    // The attacker rewrites an entry, re-chains, throws the checkpoints, the signing key and the witness records away, and re-signs.
    const db = raw(s);
    rewriteLog(db, (rows) =>
      rows
        .filter((r) => !['audit.verify', 'audit.export'].includes(r.action))
        .map((r) => (r.action === 'operators.create' ? { ...r, actor: 'nobody' } : r)),
    );
    dropCheckpoints(db);
    replaceSigningKey(db);
    db.exec('DELETE FROM audit_witnesses');
    db.close();
    expect((await mirqab(['audit', 'verify', '--data-dir', s.dataDir])).code).toBe(0); // the store alone cannot tell
    const forged = join(tempDir(), 'forged');
    expect((await mirqab(['audit', 'export', '--data-dir', s.dataDir, '--out', forged])).code).toBe(
      0,
    );
    const againstWitness = await mirqab([
      'audit',
      'verify-bundle',
      forged,
      '--previous',
      witnessFile,
    ]);
    expect(againstWitness.code).toBe(1);
    expect(againstWitness.stdout).toMatch(
      /^FAILED: the previous checkpoint .* was signed by key [0-9a-f]{64}, this bundle by key [0-9a-f]{64}: the log was re-signed under another key/m,
    );
    const noCosignature = await mirqab([
      'audit',
      'verify-bundle',
      forged,
      '--expect-witness',
      held.witnessKeyFingerprint,
    ]);
    expect(noCosignature.code).toBe(1);
    expect(noCosignature.stdout).toContain(
      `FAILED: the bundle carries no cosignature from the expected witness ${held.witnessKeyFingerprint}`,
    );

    // The console comes back: the agent refuses the new key, the alarm is audited, and the agent reports it in its telemetry.
    await s.restart();
    await waitForAlarm(s, 'key_changed');
    await t.produce({ samples: [], events: [] });
    await vi.waitFor(
      () =>
        expect(
          s.query<{ kind: string }>("SELECT kind FROM agent_events WHERE kind = 'witness_alarm'"),
        ).not.toEqual([]),
      { timeout: 10_000, interval: 20 },
    );
    s.app.close();
    const verified = await mirqab(['audit', 'verify', '--data-dir', s.dataDir]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(
      /^FAILED: witness gpu-node-01 \(key [0-9a-f]{16}…\) cosigned entries 1 to \d+ at .* under console key [0-9a-f]{16}…, not this console's key [0-9a-f]{16}…: the history was re-signed under another key/m,
    );
    // The witness still holds the checkpoint of the original key.
    expect(readWitnessState(t.identityDir)?.checkpoint).toMatchObject({
      treeSize: held.checkpoint.treeSize,
      keyFingerprint: held.checkpoint.keyFingerprint,
    });
  }, 120_000);
});
