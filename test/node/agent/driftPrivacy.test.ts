// Drift without moving data: an agent following a real prediction log over a paired wss+mTLS
// session sends per-feature sketches and counts, and no value or string from any row, ever.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DriftWindow } from '../../../shared/agent-protocol/drift.ts';
import { makeConsoleCert } from '../../helpers/agentCerts.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { openSession, pair, startTestAgent } from './agentFixture.ts';

const ROWS = 400;

function predictionRows(): Record<string, string | number>[] {
  return Array.from({ length: ROWS }, (_, i) => ({
    request_id: `req-7f3a-${(i * 7919).toString(36)}-qx`,
    amount: Number((1000 + i * 7.3137 + 0.0091).toFixed(4)),
    latency_ms: Number((12.4517 + (i % 23) * 1.0713).toFixed(4)),
    country: ['AE-dubai-zz', 'SA-riyadh-zz', 'QA-doha-zz'][i % 3]!,
    merchant: `merchant-QZX-${i % 11}-secret`,
    decision: i % 4 === 0 ? 'fraud' : 'legit',
    score: Number((0.6137 + (i % 9) * 0.0413).toFixed(4)),
  }));
}

describe('drift sketches from a prediction log', () => {
  it('sends sketches and counts only: no raw value or string from the log appears in any frame', async () => {
    const t = await startTestAgentWithLog();
    const cert = await makeConsoleCert();
    await pair(t.agent, cert);
    const c = await openSession(t.agent, cert);
    const raw: string[] = [];
    c.ws.on('message', (data: Buffer) => raw.push(data.toString('utf8')));

    const rows = predictionRows();
    appendFileSync(t.log, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    // Labels arrive later, for a third of the predictions; every fraud call was wrong.
    const labels = rows
      .filter((_, i) => i % 3 === 0)
      .map((r) => ({
        request_id: r.request_id,
        actual: r.decision === 'fraud' ? 'legit' : r.decision,
      }));
    t.agent.agent.drift!.tick();
    appendFileSync(t.labels, labels.map((l) => JSON.stringify(l)).join('\n') + '\n');
    t.agent.agent.drift!.tick();
    t.agent.agent.drift!.closeAll();
    t.agent.agent.sampler.flush();

    const frame = await c.next('telemetry', (f) => (f.drift?.length ?? 0) > 0);
    const window: DriftWindow = frame.drift![0]!;
    expect(window).toMatchObject({
      model: 'fraud-scorer',
      version: '7',
      rows: ROWS,
      unreadable: 0,
    });
    const amount = window.features.find((f) => f.name === 'amount');
    expect(amount).toMatchObject({ kind: 'numeric', count: ROWS, missing: 0 });
    const merchant = window.features.find((f) => f.name === 'merchant');
    expect(merchant?.kind === 'categorical' && merchant.top.length).toBe(11);
    expect(window.predictions?.scored).toBe(ROWS);
    const fraud = rows.filter((r) => r.decision === 'fraud').length;
    expect(window.predictions?.classes.map((k) => k.count).sort((a, b) => a - b)).toEqual([
      fraud,
      ROWS - fraud,
    ]);
    expect(window.labelled).toEqual({
      rows: labels.length,
      correct: rows.filter((r, i) => i % 3 === 0 && r.decision === 'legit').length,
    });

    const sent = raw.join('\n');
    const leaks = rows
      .flatMap((r) => Object.values(r).map(String))
      .concat(labels.map((l) => String(l.actual)))
      .filter((value) => value !== 'legit' && value !== 'fraud' && sent.includes(value));
    expect(leaks).toEqual([]);
    // Class names are hashed like every category: not even the model's own labels leave as text.
    expect(sent).not.toMatch(/"(legit|fraud)"/);
  });
});

async function startTestAgentWithLog() {
  const dir = tempDir('mirqab-drift-');
  const log = join(dir, 'predictions.jsonl');
  const labels = join(dir, 'labels.jsonl');
  writeFileSync(log, '');
  writeFileSync(labels, '');
  const yaml = [
    'drift:',
    '  - model: fraud-scorer',
    '    version: "7"',
    `    path: ${log}`,
    '    referenceRows: 100',
    '    numeric: [amount, latency_ms]',
    '    categorical: [country, merchant]',
    '    prediction: { column: decision, probabilityColumn: score, idColumn: request_id }',
    `    labels: { path: ${labels}, idColumn: request_id, labelColumn: actual }`,
  ].join('\n');
  const agent = await startTestAgent({ yaml, dir });
  return { agent, log, labels };
}
