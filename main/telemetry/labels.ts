// A label set's canonical text (keys sorted), so one series has one key however its labels arrive.

function canonicalLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, labels[k]])));
}

/** As the labels arrived (key order included) → canonical text; bounded, cleared when full. */
const canonicalByWire = new Map<string, string>();
const CANONICAL_CACHE_MAX = 200_000;

/** Frozen label sets (a compact frame's series dictionary) never change: their key is kept with them. */
const keyOfFrozen = new WeakMap<Record<string, string>, string>();

/** Canonical text of a label set (sorted keys), so one series has one key. */
export function labelsKey(labels: Record<string, string>): string {
  if (Object.isFrozen(labels)) {
    let known = keyOfFrozen.get(labels);
    if (known === undefined) keyOfFrozen.set(labels, (known = wireKey(labels)));
    return known;
  }
  return wireKey(labels);
}

function wireKey(labels: Record<string, string>): string {
  // Hot path (every ingested sample): the same label sets arrive again and again in the same key
  // order, and JSON.stringify is much cheaper than sorting and rebuilding the object each time.
  const wire = JSON.stringify(labels);
  let key = canonicalByWire.get(wire);
  if (key === undefined) {
    key = canonicalLabels(labels);
    if (canonicalByWire.size >= CANONICAL_CACHE_MAX) canonicalByWire.clear();
    canonicalByWire.set(wire, key);
  }
  return key;
}

/** Same label set in the same key order, as an agent sends it again: cheaper than a key string. */
export function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true; // compact frames share one labels object per series for the whole session
  let n = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}
