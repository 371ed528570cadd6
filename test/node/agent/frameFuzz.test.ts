// decodeFrame faces whatever arrives on the socket: it must never throw and always say why.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  encodeFrame,
  MAX_FRAME_BYTES,
  type Frame,
} from '../../../shared/agent-protocol/index.ts';

const explained = (data: string | Uint8Array) => {
  const result = decodeFrame(data);
  if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
  return result;
};

describe('decodeFrame under fuzzing', () => {
  it('never throws on arbitrary strings and bytes, and explains every rejection', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (s) => void explained(s)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (b) => void explained(b)),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary JSON values, including frame-shaped ones', () => {
    const frameish = fc.record(
      {
        type: fc.constantFrom(
          'hello',
          'telemetry',
          'pair',
          'paired',
          'ack',
          'clock',
          'command',
          'command_result',
          'error',
          'bogus',
        ),
        v: fc.oneof(fc.constant(1), fc.integer()),
        epoch: fc.string(),
        seq: fc.oneof(fc.integer(), fc.double(), fc.string()),
        samples: fc.array(fc.jsonValue(), { maxLength: 5 }),
        params: fc.dictionary(fc.string(), fc.jsonValue()),
        secret: fc.string(),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), frameish),
        (value) => void explained(JSON.stringify(value) ?? 'undefined'),
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trips every valid frame it encodes', () => {
    const frames: Frame[] = [
      { type: 'ack', epoch: 'ep_1', seq: 7 },
      { type: 'clock', consoleMs: 1, agentMs: 2 },
      {
        type: 'telemetry',
        epoch: 'ep_1',
        seq: 1,
        samples: [{ metric: 'host_load1', labels: {}, value: 0.5, tsMs: 1 }],
        events: [],
      },
    ];
    for (const frame of frames)
      expect(decodeFrame(encodeFrame(frame))).toEqual({ ok: true, frame });
  });

  it('refuses a frame over the size limit without parsing it', () => {
    const result = decodeFrame('x'.repeat(MAX_FRAME_BYTES + 1));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain('exceeds');
  });
});
