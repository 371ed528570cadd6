// Frame timing inside a real page: requestAnimationFrame deltas and PerformanceObserver 'longtask'
// entries, gathered while the bench drives the mouse, then summarised in Node.
import type { Page } from '@playwright/test';

export interface FrameFigures {
  frames: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  longTasks: number;
  longTaskMs: number;
}

// Page-side code as text: bench/ compiles under tsconfig.node.json, which has no DOM types.
const START = `(() => {
  const probe = { frames: [], longTasks: [], running: true };
  window.__probe = probe;
  let last = 0;
  const tick = (t) => {
    if (last > 0) probe.frames.push(t - last);
    last = t;
    if (probe.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (probe.running) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
})()`;

const STOP = `(() => {
  const probe = window.__probe;
  probe.running = false;
  return { frames: probe.frames, longTasks: probe.longTasks };
})()`;

/** Starts recording in the page; call `stopFrameProbe` to read the figures. */
export async function startFrameProbe(page: Page): Promise<void> {
  await page.evaluate(START);
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;

export async function stopFrameProbe(page: Page): Promise<FrameFigures> {
  const { frames, longTasks } = await page.evaluate<{ frames: number[]; longTasks: number[] }>(
    STOP,
  );
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    frames: frames.length,
    medianMs: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
  };
}

export function describeFrames(label: string, f: FrameFigures, seconds: number): string {
  const ms = (v: number) => v.toFixed(1);
  return `${label}: ${f.frames} frames in ${seconds} s; frame time median ${ms(f.medianMs)} ms, p95 ${ms(f.p95Ms)} ms, p99 ${ms(f.p99Ms)} ms, max ${ms(f.maxMs)} ms; long tasks ${f.longTasks} (${ms(f.longTaskMs)} ms total)`;
}
