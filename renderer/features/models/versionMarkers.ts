// Version changes as markers on a model service's SLI charts: a deploy (red once the version is
// suspect) and a rollback, one line per change however many hosts it reached within a minute.
import type { ModelVersionsDetail } from '../../../shared/ipc/modelSchemas.ts';
import type { TimeMarker } from '../../charts/sloOptions.ts';

const SAME_CHANGE_MS = 60_000;

export function versionMarkers(
  detail: ModelVersionsDetail | null,
  label: (version: string) => string,
): TimeMarker[] {
  if (!detail) return [];
  const suspect = new Set(
    detail.versions.filter((v) => v.state === 'suspect').map((v) => v.version),
  );
  const out: TimeMarker[] = [];
  for (const change of [...detail.history].reverse()) {
    if (change.kind !== 'deployed' && change.kind !== 'rolled_back') continue;
    const tsMs = Date.parse(change.at);
    const text = label(change.version);
    if (out.some((m) => m.label === text && Math.abs(m.tsMs - tsMs) < SAME_CHANGE_MS)) continue;
    out.push({
      tsMs,
      label: text,
      tone:
        change.kind === 'rolled_back'
          ? 'success'
          : suspect.has(change.version)
            ? 'danger'
            : 'accent',
    });
  }
  return out;
}
