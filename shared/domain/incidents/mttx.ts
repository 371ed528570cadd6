// Mean time to detect, acknowledge and resolve. MTTD: from when the first alert's condition began to
// when the incident opened. MTTA: opened → acknowledged. MTTR: opened → resolved (restored), the
// time operators own. Canceled incidents and drills are left out by the caller.
export interface MttxInput {
  detectedAtMs: number;
  openedAtMs: number;
  acknowledgedAtMs: number | null;
  resolvedAtMs: number | null;
}

export interface Mttx {
  count: number;
  mttdMinutes: number | null;
  mttaMinutes: number | null;
  mttrMinutes: number | null;
}

const mean = (values: number[]) =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length / 60_000;

export function mttx(incidents: readonly MttxInput[]): Mttx {
  return {
    count: incidents.length,
    mttdMinutes: mean(incidents.map((i) => Math.max(0, i.openedAtMs - i.detectedAtMs))),
    mttaMinutes: mean(
      incidents.flatMap((i) =>
        i.acknowledgedAtMs === null ? [] : [Math.max(0, i.acknowledgedAtMs - i.openedAtMs)],
      ),
    ),
    mttrMinutes: mean(
      incidents.flatMap((i) =>
        i.resolvedAtMs === null ? [] : [Math.max(0, i.resolvedAtMs - i.openedAtMs)],
      ),
    ),
  };
}

/** MTTx per key (priority, category, service), keys sorted. */
export function mttxBy<T extends MttxInput>(
  incidents: readonly T[],
  keyOf: (incident: T) => string,
): { key: string; value: Mttx }[] {
  const groups = new Map<string, T[]>();
  for (const incident of incidents) {
    const key = keyOf(incident);
    const list = groups.get(key) ?? [];
    list.push(incident);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => ({ key, value: mttx(list) }));
}
