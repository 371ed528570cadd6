// A drill's clock. Live drills run it at a multiple of real time (1× is a real-time drill, 10× a
// compressed one), pausable; a headless drill at maximum speed moves it itself, one step at a time,
// as fast as the workspace keeps up.
import type { Clock } from '../core/clock.ts';

export type DrillSpeed = number | 'max';

export class DrillClock implements Clock {
  private virtualMs: number;
  private realAnchorMs: number;
  private isPaused = false;

  constructor(
    startMs: number,
    private speed: DrillSpeed,
    private readonly realNow: () => number = Date.now,
  ) {
    this.virtualMs = startMs;
    this.realAnchorMs = realNow();
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    if (this.speed === 'max' || this.isPaused) return this.virtualMs;
    return this.virtualMs + (this.realNow() - this.realAnchorMs) * this.speed;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  get currentSpeed(): DrillSpeed {
    return this.speed;
  }

  /** Holds drill time where it is until resume(). */
  pause(): void {
    if (this.isPaused) return;
    this.virtualMs = this.nowMs();
    this.isPaused = true;
  }

  resume(): void {
    if (!this.isPaused) return;
    this.realAnchorMs = this.realNow();
    this.isPaused = false;
  }

  /** At maximum speed only: drill time jumps to `ms` (never backwards). */
  moveTo(ms: number): void {
    if (this.speed !== 'max') throw new RangeError('only a drill at maximum speed moves its clock');
    this.virtualMs = Math.max(this.virtualMs, ms);
  }
}
