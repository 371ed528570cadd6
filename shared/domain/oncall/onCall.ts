// Who is on call: an override covering the moment wins (the latest added, where several overlap), then
// the highest rotation layer covering it. The calendar's shifts are the same answer over a range.
import { DAY_MS } from '../time.ts';
import { layerBlocks, type Block } from './rotation.ts';
import { turnLengthDays, type ScheduleRota } from './schedule.ts';

export interface Shift {
  username: string;
  startMs: number;
  /** Exclusive. */
  endMs: number;
  source: 'rotation' | 'override';
  /** The rotation layer's index, for a rotation shift. */
  layer: number | null;
  overrideId: number | null;
}

type Pick_ = Omit<Shift, 'startMs' | 'endMs'>;

function covering(blocks: readonly Block[], atMs: number): Block | undefined {
  return blocks.find((b) => b.startMs <= atMs && atMs < b.endMs);
}

function pickAt(
  rota: ScheduleRota,
  layers: readonly (readonly Block[])[],
  atMs: number,
): Pick_ | null {
  let override: ScheduleRota['overrides'][number] | undefined;
  for (const o of rota.overrides) {
    if (o.startMs <= atMs && atMs < o.endMs && (!override || o.id > override.id)) override = o;
  }
  if (override) {
    return {
      username: override.username,
      source: 'override',
      layer: null,
      overrideId: override.id,
    };
  }
  for (let i = layers.length - 1; i >= 0; i--) {
    const block = covering(layers[i]!, atMs);
    if (block) return { username: block.username, source: 'rotation', layer: i, overrideId: null };
  }
  return null;
}

const sameShift = (a: Pick_, b: Pick_) =>
  a.username === b.username &&
  a.source === b.source &&
  a.layer === b.layer &&
  a.overrideId === b.overrideId;

/** The schedule's shifts over [fromMs, toMs), clipped to that range, in time order. */
export function shiftsBetween(
  rota: ScheduleRota,
  fromMs: number,
  toMs: number,
  timeZone: string,
): Shift[] {
  if (toMs <= fromMs) return [];
  const layers = rota.layers.map((layer) => layerBlocks(layer, fromMs, toMs, timeZone));
  const cuts = new Set<number>([fromMs, toMs]);
  const cut = (ms: number) => {
    if (ms > fromMs && ms < toMs) cuts.add(ms);
  };
  for (const blocks of layers) {
    for (const b of blocks) {
      cut(b.startMs);
      cut(b.endMs);
    }
  }
  for (const o of rota.overrides) {
    cut(o.startMs);
    cut(o.endMs);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const shifts: Shift[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const startMs = points[i]!;
    const endMs = points[i + 1]!;
    const pick = pickAt(rota, layers, startMs);
    if (!pick) continue;
    const previous = shifts.at(-1);
    if (previous && previous.endMs === startMs && sameShift(previous, pick)) previous.endMs = endMs;
    else shifts.push({ ...pick, startMs, endMs });
  }
  return shifts;
}

export interface OnCallNow extends Shift {
  /** When this shift began, or null when that is further back than the look-around. */
  sinceMs: number | null;
  /** When it hands over, or null when no hand-off falls within the look-around. */
  untilMs: number | null;
  /** Who takes over next, and when (null when nobody within the look-around). */
  next: { username: string; startMs: number } | null;
}

/** How far around a moment whoIsOnCall looks for the shift's bounds: a whole turn, and at least five weeks. */
function lookAroundMs(rota: ScheduleRota): number {
  const turnDays = rota.layers.map((l) => Math.ceil((turnLengthDays(l) * 7) / l.days.length) + 1);
  return Math.max(35, ...turnDays) * DAY_MS;
}

/** Who is on call at `atMs` (null: nobody), with the shift's bounds and the next person. */
export function whoIsOnCall(rota: ScheduleRota, atMs: number, timeZone: string): OnCallNow | null {
  const around = lookAroundMs(rota);
  const fromMs = atMs - around;
  const toMs = atMs + around;
  const shifts = shiftsBetween(rota, fromMs, toMs, timeZone);
  const index = shifts.findIndex((s) => s.startMs <= atMs && atMs < s.endMs);
  const current = shifts[index];
  if (!current) return null;
  const next = shifts.slice(index + 1).find((s) => s.username !== current.username);
  return {
    ...current,
    sinceMs: current.startMs > fromMs ? current.startMs : null,
    untilMs: current.endMs < toMs ? current.endMs : null,
    next: next ? { username: next.username, startMs: next.startMs } : null,
  };
}

/** Only the username on call at `atMs`: what escalation needs, without the look-around. */
export function onCallAt(rota: ScheduleRota, atMs: number, timeZone: string): string | null {
  return shiftsBetween(rota, atMs, atMs + 1, timeZone)[0]?.username ?? null;
}

/** Who takes over after `atMs` (the first shift of someone else, or of anyone when nobody is on call). */
export function nextOnCall(
  rota: ScheduleRota,
  atMs: number,
  timeZone: string,
): { username: string; startMs: number } | null {
  const current = onCallAt(rota, atMs, timeZone);
  const next = shiftsBetween(rota, atMs, atMs + lookAroundMs(rota), timeZone).find(
    (s) => s.startMs > atMs && s.username !== current,
  );
  return next ? { username: next.username, startMs: next.startMs } : null;
}
