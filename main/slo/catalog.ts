// SLO specs in and out: import (OpenSLO v1, Sloth, Pyrra) with a dry run, export as OpenSLO v1, and
// the PromQL check every stored spec passes. Shared by the API and the `mirqab slo` commands.
import { importSloSpecs } from '../../shared/domain/slo/import.ts';
import { queriesOfSpec, unknownNameWarnings } from '../../shared/domain/slo/knownNames.ts';
import { exportOpenSlo } from '../../shared/domain/slo/openslo.ts';
import { validatePromQl } from '../../shared/domain/slo/promql/index.ts';
import type { SloSpec } from '../../shared/domain/slo/spec.ts';
import { appendAudit } from '../audit/index.ts';
import { DomainError } from '../core/errors.ts';
import type { WritableDb } from '../store/types.ts';
import { knownNames } from './knownNames.ts';
import { findSlo, listSlos, upsertSlo } from './sloRepository.ts';

export interface SloImportResult {
  dryRun: boolean;
  slos: { name: string; replaces: boolean }[];
  problems: { path: string; line?: number; message: string }[];
  warnings: { path: string; line?: number; message: string }[];
}

/** Throws a BAD_REQUEST naming the field and the part of the query Mirqab cannot evaluate. */
export function checkQueries(spec: SloSpec): void {
  for (const { field, query } of queriesOfSpec(spec)) {
    const result = validatePromQl(query);
    if (!result.ok) throw new DomainError('BAD_REQUEST', `${field}: ${result.error.message}`);
  }
}

/** Imports every valid SLO in the text (one invalid SLO never blocks the others); audited unless a dry run. */
export function importSlos(
  db: WritableDb,
  text: string,
  options: {
    dryRun: boolean;
    actor: { username: string; role: string };
    now: Date;
    timeZone: string;
  },
): SloImportResult {
  const result = importSloSpecs(text, { siteTimeZone: options.timeZone });
  const problems = [...result.problems];
  const accepted: SloSpec[] = [];
  for (const spec of result.specs) {
    try {
      checkQueries(spec);
      accepted.push(spec);
    } catch (error) {
      problems.push({
        path: spec.name,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const slos = accepted.map((s) => ({ name: s.name, replaces: findSlo(db, s.name) !== null }));
  // A name nothing reports imports (the fleet may not have sent it yet) but never silently.
  const known = knownNames(db);
  const warnings = [
    ...result.warnings,
    ...accepted.flatMap((spec) =>
      unknownNameWarnings(spec, known).map((w) => ({
        path: spec.name,
        message: `${w.path}: ${w.message}`,
      })),
    ),
  ];
  if (!options.dryRun && accepted.length > 0) {
    const { actor, now } = options;
    db.transaction(() => {
      for (const spec of accepted) upsertSlo(db, spec, actor.username, now);
      appendAudit(
        db,
        {
          actor: actor.username,
          role: actor.role,
          action: 'slo.import',
          target: 'slos',
          outcome: 'success',
          details: { imported: slos, problems: problems.length },
        },
        now,
      );
    })();
  }
  return { dryRun: options.dryRun, slos, problems, warnings };
}

/** OpenSLO v1 YAML of the named SLOs (all when none named); SLOs whose stored spec is invalid are left out. */
export function exportSlos(
  db: WritableDb,
  names: readonly string[] | undefined,
): { yaml: string; count: number } {
  const wanted = names ? new Set(names) : null;
  const stored = listSlos(db).filter((s) => !wanted || wanted.has(s.name));
  if (wanted) {
    const missing = [...wanted].filter((n) => !stored.some((s) => s.name === n));
    if (missing.length > 0)
      throw new DomainError(
        'NOT_FOUND',
        `There is no SLO named ${missing.map((n) => `"${n}"`).join(', ')}.`,
      );
  }
  const specs = stored.flatMap((s) => (s.spec ? [s.spec] : []));
  return { yaml: exportOpenSlo(specs), count: specs.length };
}
