// The digests an agent reports for each model version: a `model_build_info` series (value 1, as
// Prometheus build_info series are) labelled {model, version, model_digest, code_digest}. Kept per
// version, so a change record names exactly what ran before and after.
import type { Sample } from '../../shared/agent-protocol/index.ts';
import type { WritableDb } from '../store/types.ts';
import { putDigests, type VersionDigests } from './changeRepository.ts';

export const BUILD_INFO_METRIC = 'model_build_info';

/** Stores the digests in a batch; calls `onNew` for each version whose digests were new or changed. */
export function recordDigests(
  db: WritableDb,
  samples: readonly Sample[],
  nowMs: number,
  onNew: (model: string, version: string, digests: VersionDigests) => void,
): void {
  const seen = new Set<string>();
  for (const s of samples) {
    if (s.metric !== BUILD_INFO_METRIC) continue;
    const { model, version, model_digest: modelDigest, code_digest: codeDigest } = s.labels;
    if (!model || !version || seen.has(`${model}\u0001${version}`)) continue;
    seen.add(`${model}\u0001${version}`);
    const digests = { model: modelDigest ?? null, code: codeDigest ?? null };
    if (putDigests(db, model, version, digests, nowMs)) onNew(model, version, digests);
  }
}
