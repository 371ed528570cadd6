// The e2e test hooks of `mirqab serve`: a clock that starts where MIRQAB_E2E_START says and that an
// `advance <minutes>` line moves on.
import { describe, expect, it } from 'vitest';
import { advanceMinutes, e2eClock } from '../../../main/cli/e2eClock.ts';
import { CliError } from '../../../main/cli/secrets.ts';

describe('the e2e clock of mirqab serve', () => {
  it('starts at MIRQAB_E2E_START, moves on in real time and jumps when advanced', () => {
    const clock = e2eClock('2026-11-26T06:00:00.000Z');
    const start = clock.now().getTime();
    expect(start - Date.parse('2026-11-26T06:00:00.000Z')).toBeGreaterThanOrEqual(0);
    expect(start - Date.parse('2026-11-26T06:00:00.000Z')).toBeLessThan(60_000);
    clock.advance(10 * 60_000);
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it('keeps the real time without a start, and refuses a start that is not a time', () => {
    expect(Math.abs(e2eClock(undefined).now().getTime() - Date.now())).toBeLessThan(60_000);
    expect(() => e2eClock('next tuesday')).toThrow(CliError);
  });

  it('reads only `advance <minutes>` lines as the hook; anything else still asks for a sign-in link', () => {
    expect(advanceMinutes('advance 10')).toBe(10);
    expect(advanceMinutes('advance 1.5\n')).toBe(1.5);
    expect(advanceMinutes('')).toBeNull();
    expect(advanceMinutes('advance')).toBeNull();
    expect(advanceMinutes('advance -5')).toBeNull();
  });
});
