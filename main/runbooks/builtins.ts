// The runbooks Mirqab ships (resources/runbooks/*.yaml), stored as built-in versions at start; the
// first time they are stored, the default automation rules that suggest them are added too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunbookRule } from '../../shared/ipc/runbookSchemas.ts';
import type { WritableDb } from '../store/types.ts';
import { countRules, findRunbook, upsertRule } from './libraryRepository.ts';
import { BUILTIN_ACTOR, type RunbookLibrary } from './library.ts';

/** Two levels up from this file and from the bundled main (out/main/index.js) alike. */
export const BUILTIN_RUNBOOKS_DIR = fileURLToPath(
  new URL('../../resources/runbooks/', import.meta.url),
);

type RuleSeed = Pick<RunbookRule, 'matchKind' | 'matchValue' | 'runbook' | 'mode'>;

/** Suggestions only: a person decides to start a run. Operators may change any of them. */
export const DEFAULT_RULES: readonly RuleSeed[] = [
  {
    matchKind: 'category',
    matchValue: 'model_accuracy',
    runbook: 'rollback-model',
    mode: 'suggest',
  },
  {
    matchKind: 'alert',
    matchValue: 'ModelAccuracyDrop',
    runbook: 'rollback-model',
    mode: 'suggest',
  },
  {
    matchKind: 'alert',
    matchValue: 'ErrorRateAnomaly',
    runbook: 'rollback-model',
    mode: 'suggest',
  },
  {
    matchKind: 'category',
    matchValue: 'gpu_infrastructure',
    runbook: 'drain-gpu-host',
    mode: 'suggest',
  },
  {
    matchKind: 'alert',
    matchValue: 'GpuEccUncorrectable',
    runbook: 'drain-gpu-host',
    mode: 'suggest',
  },
  {
    matchKind: 'alert',
    matchValue: 'GpuRowRemapFailure',
    runbook: 'drain-gpu-host',
    mode: 'suggest',
  },
  { matchKind: 'alert', matchValue: 'LatencyAnomaly', runbook: 'scale-out', mode: 'suggest' },
  {
    matchKind: 'category',
    matchValue: 'inference_anomaly',
    runbook: 'restart-inference-service',
    mode: 'suggest',
  },
  {
    matchKind: 'category',
    matchValue: 'data_pipeline',
    runbook: 'pause-data-pipeline',
    mode: 'suggest',
  },
  {
    matchKind: 'alert',
    matchValue: 'DataPipelineLagAnomaly',
    runbook: 'pause-data-pipeline',
    mode: 'suggest',
  },
  {
    matchKind: 'alert',
    matchValue: 'PredictionDriftAnomaly',
    runbook: 'pause-data-pipeline',
    mode: 'suggest',
  },
  {
    matchKind: 'category',
    matchValue: 'security_privacy',
    runbook: 'suspected-data-breach',
    mode: 'suggest',
  },
];

/** Stores every built-in version not stored yet (an unchanged one is left as it is). */
export function loadBuiltinRunbooks(
  db: WritableDb,
  library: RunbookLibrary,
  atMs: number,
  dir = BUILTIN_RUNBOOKS_DIR,
): void {
  const isFirstLoad = findRunbook(db, 'rollback-model') === undefined;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort())
    library.import(readFileSync(join(dir, file), 'utf8'), BUILTIN_ACTOR, file);
  if (isFirstLoad && countRules(db) === 0)
    db.transaction(() => {
      for (const rule of DEFAULT_RULES) upsertRule(db, rule, BUILTIN_ACTOR.username, atMs);
    })();
}
