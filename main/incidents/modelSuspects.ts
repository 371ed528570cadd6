// Incident history as evidence about model versions: a new incident on a model service marks
// suspect the version deployed shortly before it started (the rule lives in main/models), and says
// so on the incident's timeline. Drills never judge real versions.
import { markSuspectFromIncident } from '../models/index.ts';
import type { WritableDb } from '../store/types.ts';
import { addTimelineEntry } from './incidentRepository.ts';

export function markSuspectVersions(
  db: WritableDb,
  input: {
    incidentId: number;
    labels: Readonly<Record<string, string>>;
    startedAtMs: number;
    now: Date;
    by: { username: string; role: string };
  },
): void {
  const { labels, incidentId, now } = input;
  const model = labels.model ?? labels.model_name ?? labels.service;
  if (model === undefined || labels.drill !== undefined) return;
  const found = markSuspectFromIncident(db, {
    model,
    hostName: labels.host ?? null,
    startedAtMs: input.startedAtMs,
    incidentId,
    now,
    by: input.by,
  });
  for (const s of found)
    addTimelineEntry(db, incidentId, {
      atMs: now.getTime(),
      kind: 'note',
      actor: input.by.username,
      text: `Model ${model} version ${s.version} marked suspect: it was deployed${s.hostName ? ` on ${s.hostName}` : ''} shortly before this incident started.`,
      details: { model, version: s.version, host: s.hostName, deployedAtMs: s.deployedAtMs },
    });
}
