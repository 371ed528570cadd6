// Each host sends its own windows, so a feature is judged by each host's newest figure: one
// drifting host is not hidden by another host's newer, steady window.
import type { ModelDrift } from '../../../shared/ipc/driftChannels.ts';

type Feature = ModelDrift['features'][number];
type Point = Feature['points'][number];

/** p-value tests drift below their threshold; distances at or above it. */
export function driftsBelow(test: Feature['test']): boolean {
  return test === 'ks' || test === 'chisquare' || test === 'z';
}

/** How far past (positive) or short of (negative) its threshold a figure is. */
function excess(feature: Feature, value: number): number {
  return driftsBelow(feature.test) ? feature.threshold - value : value - feature.threshold;
}

export interface FeatureVerdict {
  /** The figure of the host furthest towards drift, from its newest window. */
  worst: Point;
  drifting: number;
  hosts: number;
}

export function featureVerdict(feature: Feature): FeatureVerdict | null {
  const newest = [...new Map(feature.points.map((p) => [p.hostId, p])).values()];
  if (newest.length === 0) return null;
  const further = (a: Point, b: Point) =>
    a.drifted !== b.drifted ? b.drifted : excess(feature, b.value) > excess(feature, a.value);
  const worst = newest.reduce((a, b) => (further(a, b) ? b : a));
  return { worst, drifting: newest.filter((p) => p.drifted).length, hosts: newest.length };
}

/** The most drifted feature first: drifting on most hosts, then by how far past its threshold. */
export function mostDrifted(features: readonly Feature[]): Feature | undefined {
  const rank = (f: Feature) => {
    const v = featureVerdict(f);
    return v ? [v.drifting, excess(f, v.worst.value) / (f.threshold || 1)] : [-1, -Infinity];
  };
  return [...features].sort((a, b) => {
    const [da, ea] = rank(a);
    const [db, eb] = rank(b);
    return db! - da! || eb! - ea!;
  })[0];
}

/** One series per host, named by the host. */
export function seriesPerHost(
  feature: Feature,
  hosts: ModelDrift['hosts'],
): { name: string; points: [number, number][] }[] {
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  const byHost = new Map<number, [number, number][]>();
  for (const p of feature.points) {
    const points = byHost.get(p.hostId) ?? [];
    points.push([p.t, p.value]);
    byHost.set(p.hostId, points);
  }
  return [...byHost]
    .map(([id, points]) => ({ name: names.get(id) ?? `#${id}`, points }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
