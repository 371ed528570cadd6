// Every built-in scenario, run headless against its simulated site: a scripted responder that does
// what the scenario expects scores high on every component; an idle one scores low, and the result
// names what it missed. (Split over two files so the runs share the machine's cores.)
import { describe, expect, it } from 'vitest';
import { missed, runBuiltin } from './headlessRun.ts';

describe.each(['gpu-node-xid', 'thermal-throttle', 'bad-model-deploy'])(
  'the built-in scenario %s, headless',
  (name) => {
    it('scores a scripted responder high, on evidence from its workspace', async () => {
      const result = await runBuiltin(name, 'scripted');
      expect(result.incident, 'the drill opened an incident').not.toBeNull();
      expect(missed(result)).toEqual([]);
      expect(result.score).toBe(100);
      for (const c of result.components) expect(c.evidence.length, c.key).toBeGreaterThan(0);
    });

    it('scores an idle responder low and names every miss', async () => {
      const result = await runBuiltin(name, 'idle');
      expect(result.score).toBeLessThanOrEqual(30);
      expect(missed(result)).toEqual(
        expect.arrayContaining(['acknowledge', 'mitigate', 'runbook', 'postmortem']),
      );
      const ack = result.components.find((c) => c.key === 'acknowledge')!;
      expect(ack.outcome).toBe('never acknowledged');
    });
  },
);
