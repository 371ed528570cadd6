// The versions a simulated model service can run: the one it starts with (known good), a newer good
// one, and a bad one that fails more requests and answers less accurately, so a bad deploy and its
// rollback can be drilled end to end. Names follow the starting version: 1 → 1, 2, 3 (3 is bad);
// v7 → v7, v8, v9; anything else → X, X.1, X.2.
import { createHash } from 'node:crypto';
import type { ModelEffects } from './faults.ts';

/** The model services every simulated host runs unless told otherwise. */
export const DEFAULT_MODELS = ['llama-3-8b', 'gpt2-small'];

export interface VersionTraits {
  version: string;
  isBad: boolean;
  /** Added to the share of requests that fail. */
  extraErrorRatio: number;
  /** Taken off the model's accuracy (negative: a little better). */
  accuracyDrop: number;
  latencyFactor: number;
}

/** A bad build: about one request in ten fails and accuracy falls by 15 points. */
export const BAD_VERSION_TRAITS = { extraErrorRatio: 0.1, accuracyDrop: 0.15, latencyFactor: 1.2 };
const GOOD = { extraErrorRatio: 0, accuracyDrop: 0, latencyFactor: 1 };
/** The newer good build is a touch more accurate, as a release that passed evaluation would be. */
const NEWER_GOOD = { extraErrorRatio: 0, accuracyDrop: -0.005, latencyFactor: 0.95 };

export function versionCatalogue(initial: string): VersionTraits[] {
  const numbered = /^(v?)(\d{1,9})$/.exec(initial);
  const [next, bad] = numbered
    ? [1, 2].map((n) => `${numbered[1]}${Number(numbered[2]) + n}`)
    : [`${initial}.1`, `${initial}.2`];
  return [
    { version: initial, isBad: false, ...GOOD },
    { version: next!, isBad: false, ...NEWER_GOOD },
    { version: bad!, isBad: true, ...BAD_VERSION_TRAITS },
  ];
}

/** The catalogue's bad version (what a `bad_model_deploy` fault installs by default). */
export function badVersionOf(catalogue: readonly VersionTraits[]): string {
  return catalogue.find((v) => v.isBad)!.version;
}

/** A fault's effects with the running version's on top (errors add up, accuracy drops add up). */
export function withVersionEffects(effects: ModelEffects, traits: VersionTraits): ModelEffects {
  return {
    ...effects,
    latencyFactor: effects.latencyFactor * traits.latencyFactor,
    extraErrorRatio: effects.extraErrorRatio + traits.extraErrorRatio,
    accuracyDrop: effects.accuracyDrop + traits.accuracyDrop,
  };
}

/**
 * What the serving host reports of the version it runs, as a Prometheus build_info series: the
 * model artefact's and serving code's digests (stable per model and version here), so change records
 * can name exactly what ran.
 */
export function buildInfoLabels(model: string, version: string): Record<string, string> {
  const digest = (what: string) =>
    `sha256:${createHash('sha256').update(`${what}\u0000${model}\u0000${version}`).digest('hex')}`;
  return { model_digest: digest('model'), code_digest: digest('code') };
}
