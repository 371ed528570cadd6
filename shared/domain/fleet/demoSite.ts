// The demo site's cluster and site as the store keeps them; the console shows them translated,
// recognised by these names (they are the demo's stable identity: it finds its cluster by name).
export const DEMO_CLUSTER = 'Demo GPU cluster (SIMULATED)';
export const DEMO_SITE = 'Demo';

export function isDemoCluster(name: string): boolean {
  return name === DEMO_CLUSTER;
}

export function isDemoSite(site: string): boolean {
  return site === DEMO_SITE;
}

/** A cluster of simulated hosts: the demo's, or any labelled `simulated=true`. Real hosts never join one. */
export function isSimulatedCluster(cluster: {
  name: string;
  labels: Readonly<Record<string, string>>;
}): boolean {
  return isDemoCluster(cluster.name) || cluster.labels.simulated === 'true';
}
