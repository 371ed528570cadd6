// Response and resolution target clocks: running, at risk from 75 %, breached past the target,
// met or missed once stopped; time On Hold does not count.
import { describe, expect, it } from 'vitest';
import {
  AT_RISK_SHARE,
  clockView,
  DEFAULT_TARGETS,
  elapsedMs,
  TargetsSchema,
  type ClockInput,
} from '../../../shared/domain/incidents/index.ts';

const MINUTE = 60_000;
const OPENED = Date.parse('2026-11-26T06:00:00.000Z');
const at = (minutes: number) => OPENED + minutes * MINUTE;
const running: ClockInput = { openedAtMs: OPENED, holdMs: 0, holdSinceMs: null };

describe('target clocks', () => {
  it('ship ITIL-style defaults from 15 minutes for a P1 response to a week for a P5 fix', () => {
    expect(TargetsSchema.parse(DEFAULT_TARGETS)).toEqual(DEFAULT_TARGETS);
    expect(DEFAULT_TARGETS.P1).toEqual({ respondMinutes: 15, resolveMinutes: 240 });
    expect(DEFAULT_TARGETS.P5.resolveMinutes).toBe(7 * 24 * 60);
    expect(AT_RISK_SHARE).toBe(0.75);
  });

  it('a P1 response clock runs, then is at risk at 75 % of its 15 minutes, then breaches', () => {
    expect(clockView(running, 15, null, at(5))).toEqual({
      status: 'running',
      elapsedMs: 5 * MINUTE,
      targetMs: 15 * MINUTE,
      dueAtMs: at(15),
    });
    expect(clockView(running, 15, null, at(11.24)).status).toBe('running');
    expect(clockView(running, 15, null, at(11.25)).status).toBe('at_risk');
    expect(clockView(running, 15, null, at(15)).status).toBe('at_risk');
    const late = clockView(running, 15, null, at(20));
    expect(late).toMatchObject({ status: 'breached', elapsedMs: 20 * MINUTE, dueAtMs: at(15) });
  });

  it('a clock stopped within its target is met, and one stopped after it is missed', () => {
    expect(clockView(running, 15, 15 * MINUTE, at(600))).toEqual({
      status: 'met',
      elapsedMs: 15 * MINUTE,
      targetMs: 15 * MINUTE,
      dueAtMs: null,
    });
    expect(clockView(running, 15, 15 * MINUTE + 1, at(600))).toMatchObject({
      status: 'missed',
      dueAtMs: null,
    });
  });

  it('a stopped clock keeps the elapsed time at the stop however late it is read', () => {
    expect(clockView(running, 240, 30 * MINUTE, at(10_000)).elapsedMs).toBe(30 * MINUTE);
  });

  it('On Hold pauses the clock: elapsed stands still and there is no due time while paused', () => {
    const held: ClockInput = { openedAtMs: OPENED, holdMs: 0, holdSinceMs: at(10) };
    expect(elapsedMs(held, at(10))).toBe(10 * MINUTE);
    expect(elapsedMs(held, at(90))).toBe(10 * MINUTE);
    const view = clockView(held, 15, null, at(90));
    expect(view).toEqual({
      status: 'running',
      elapsedMs: 10 * MINUTE,
      targetMs: 15 * MINUTE,
      dueAtMs: null,
    });
  });

  it('time already spent On Hold is left out once the clock runs again', () => {
    const resumed: ClockInput = { openedAtMs: OPENED, holdMs: 60 * MINUTE, holdSinceMs: null };
    expect(elapsedMs(resumed, at(70))).toBe(10 * MINUTE);
    expect(clockView(resumed, 15, null, at(70))).toMatchObject({
      status: 'running',
      dueAtMs: at(75),
    });
  });

  it('a hold on top of earlier holds counts both', () => {
    const again: ClockInput = { openedAtMs: OPENED, holdMs: 30 * MINUTE, holdSinceMs: at(40) };
    expect(elapsedMs(again, at(100))).toBe(10 * MINUTE);
  });

  it('never reports negative elapsed time', () => {
    expect(elapsedMs(running, at(-5))).toBe(0);
    expect(elapsedMs({ openedAtMs: OPENED, holdMs: 0, holdSinceMs: at(5) }, at(1))).toBe(MINUTE);
  });

  it('a clock paused after it breached stays breached and shows no due time', () => {
    const held: ClockInput = { openedAtMs: OPENED, holdMs: 0, holdSinceMs: at(20) };
    expect(clockView(held, 15, null, at(200))).toMatchObject({
      status: 'breached',
      elapsedMs: 20 * MINUTE,
      dueAtMs: null,
    });
  });
});
