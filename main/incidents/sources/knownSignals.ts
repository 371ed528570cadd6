// What the rule editor offers: every signal the fleet has reported, the label names its series carry,
// and the values seen for the labels rules usually match on.
import type { KnownSignals } from '../../../shared/ipc/alertRuleChannels.ts';
import { all, sql } from '../../store/sql.ts';
import type { ReadableDb } from '../../store/types.ts';

/** Values offered per label at most. */
const VALUES_PER_LABEL = 200;
/** Labels whose values are worth offering (a uuid or a histogram bucket bound is not). */
const OFFERED = ['cluster', 'host', 'gpu', 'model', 'version', 'server'];

export function knownSignals(db: ReadableDb): KnownSignals {
  const labelNames = new Map<string, Set<string>>();
  const values = new Map<string, Set<string>>(OFFERED.map((name) => [name, new Set<string>()]));
  const offer = (name: string, value: string) => {
    const set = values.get(name);
    if (set && set.size < VALUES_PER_LABEL) set.add(value);
  };
  const rows = all<{ metric: string; labels: string; host: string; cluster: string }>(
    db,
    sql`SELECT s.metric, s.labels, h.name AS host, c.name AS cluster
        FROM series s JOIN hosts h ON h.id = s.host_id JOIN clusters c ON c.id = h.cluster_id
        WHERE h.revoked_at IS NULL`,
  );
  for (const row of rows) {
    const labels = JSON.parse(row.labels) as Record<string, string>;
    let names = labelNames.get(row.metric);
    if (!names) labelNames.set(row.metric, (names = new Set(['cluster', 'host'])));
    for (const [name, value] of Object.entries(labels)) {
      names.add(name);
      offer(name, value);
    }
    offer('host', row.host);
    offer('cluster', row.cluster);
  }
  const sorted = (set: Iterable<string>) =>
    [...set].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return {
    metrics: sorted(labelNames.keys()).map((name) => ({
      name,
      labelNames: sorted(labelNames.get(name)!),
    })),
    labelValues: Object.fromEntries([...values].map(([name, set]) => [name, sorted(set)])),
  };
}
