// The runbook library: validate, import (a new version; every version kept), export, read, and the
// automation rules. Built-in runbooks are loaded at start and are read-only: an import under a
// built-in's name is refused, so the runbook an operator reviewed is the one the product shipped.
import {
  formatRunbookProblem,
  isDestructive,
  parseRunbook,
  type Runbook,
} from '../../shared/domain/runbooks/index.ts';
import type {
  RunbookDetail,
  RunbookRule,
  RunbookStepView,
  RunbookSummary,
  RunbookValidation,
} from '../../shared/ipc/runbookSchemas.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { assertNewVersion, notImported } from '../core/documentVersions.ts';
import { DomainError } from '../core/errors.ts';
import type { WritableDb } from '../store/types.ts';
import {
  deleteRule,
  findRule,
  findRunbook,
  insertRunbookVersion,
  latestRunbooks,
  listRules,
  runbookVersions,
  upsertRule,
  type RunbookRow,
} from './libraryRepository.ts';

export type Actor = { username: string; role: string };

/** Built-ins are stored under this name in the audit log and the library. */
export const BUILTIN_ACTOR: Actor = { username: 'system:builtin-runbooks', role: 'system' };

const iso = (ms: number) => new Date(ms).toISOString();

/** A stored version's document; stored sources were valid when imported, so this only re-reads them. */
export function runbookOf(row: RunbookRow): Runbook {
  const parsed = parseRunbook(row.source);
  if (!parsed.ok)
    throw new DomainError(
      'INTERNAL',
      `Stored runbook ${row.name} v${row.version} no longer reads: ${parsed.problems[0]?.message ?? ''}`,
    );
  return parsed.runbook;
}

function stepViews(runbook: Runbook): RunbookStepView[] {
  return runbook.steps.map((s) => ({
    id: s.id,
    type: s.type,
    title: s.title,
    guidance: s.type === 'manual' ? s.guidance : '',
    action: s.type === 'action' ? s.action : null,
    host: s.type === 'action' ? s.host : null,
    params: s.type === 'action' ? s.params : {},
    isDestructive: isDestructive(s),
    healthGate: s.type === 'action' ? (s.healthGate ?? null) : null,
  }));
}

function summaryOf(row: RunbookRow, versionCount: number): RunbookSummary {
  const runbook = runbookOf(row);
  return {
    name: row.name,
    version: row.version,
    title: row.title,
    stepCount: runbook.steps.length,
    destructiveStepCount: runbook.steps.filter(isDestructive).length,
    isBuiltin: row.is_builtin === 1,
    versionCount,
    importedAt: iso(row.imported_at),
    importedBy: row.imported_by,
  };
}

/** Validates without storing; the same check import makes. */
export function validateRunbook(source: string): RunbookValidation {
  const parsed = parseRunbook(source);
  return parsed.ok
    ? {
        isValid: true,
        name: parsed.runbook.name,
        version: parsed.runbook.version,
        stepCount: parsed.runbook.steps.length,
        problems: [],
      }
    : { isValid: false, name: null, version: null, stepCount: null, problems: parsed.problems };
}

export interface LibraryOptions {
  store: () => WritableDb;
  clock: Clock;
  /** Told after a change is committed. */
  onChanged?: () => void;
}

export class RunbookLibrary {
  constructor(private readonly options: LibraryOptions) {}

  private get db() {
    return this.options.store();
  }

  list(): RunbookSummary[] {
    return latestRunbooks(this.db).map((row) => summaryOf(row, row.version_count));
  }

  get(name: string, version?: number): RunbookDetail {
    const db = this.db;
    const row = findRunbook(db, name, version);
    if (!row)
      throw new DomainError(
        'NOT_FOUND',
        version === undefined
          ? `There is no runbook named "${name}".`
          : `Runbook "${name}" has no version ${version}.`,
      );
    const versions = runbookVersions(db, name);
    const runbook = runbookOf(row);
    return {
      ...summaryOf(row, versions.length),
      description: runbook.description,
      source: row.source,
      steps: stepViews(runbook),
      versions: versions.map((v) => ({
        version: v.version,
        importedAt: iso(v.imported_at),
        importedBy: v.imported_by,
      })),
    };
  }

  /**
   * Stores a new version, whole or not at all. `fileName` names the source in problem messages. An
   * identical re-import of a stored version is accepted and changes nothing.
   */
  import(source: string, by: Actor, fileName = 'runbook.yaml'): RunbookDetail {
    const parsed = parseRunbook(source);
    if (!parsed.ok)
      throw notImported(
        'runbook',
        parsed.problems.map((p) => formatRunbookProblem(p, fileName)),
      );
    const { runbook } = parsed;
    const db = this.db;
    const now = this.options.clock.now();
    const isNew = db.transaction(() => {
      const latest = findRunbook(db, runbook.name);
      const same = findRunbook(db, runbook.name, runbook.version);
      if (same && same.source === source) return false;
      if (latest?.is_builtin === 1 && by !== BUILTIN_ACTOR)
        throw new DomainError(
          'CONFLICT',
          `"${runbook.name}" is a built-in runbook and cannot be changed; import yours under another name.`,
        );
      assertNewVersion(runbook.name, runbook.version, same !== undefined, latest?.version);
      insertRunbookVersion(db, {
        name: runbook.name,
        version: runbook.version,
        title: runbook.title,
        source,
        isBuiltin: by === BUILTIN_ACTOR,
        importedAtMs: now.getTime(),
        importedBy: by.username,
      });
      auditBy(
        db,
        by,
        {
          action: 'runbook.import',
          target: `runbook:${runbook.name}`,
          outcome: 'success',
          details: {
            version: runbook.version,
            steps: runbook.steps.length,
            destructiveSteps: runbook.steps.filter(isDestructive).map((s) => s.id),
          },
        },
        now,
      );
      return true;
    })();
    if (isNew) this.options.onChanged?.();
    return this.get(runbook.name, runbook.version);
  }

  export(name: string, version?: number): { fileName: string; source: string } {
    const row = findRunbook(this.db, name, version);
    if (!row) throw new DomainError('NOT_FOUND', `There is no runbook named "${name}".`);
    return { fileName: `${row.name}-v${row.version}.yaml`, source: row.source };
  }

  rules(): RunbookRule[] {
    return listRules(this.db);
  }

  saveRule(
    rule: Pick<RunbookRule, 'matchKind' | 'matchValue' | 'runbook' | 'mode'>,
    by: Actor,
  ): RunbookRule {
    const db = this.db;
    const now = this.options.clock.now();
    const saved = db.transaction(() => {
      if (!findRunbook(db, rule.runbook))
        throw new DomainError('NOT_FOUND', `There is no runbook named "${rule.runbook}".`);
      const stored = upsertRule(db, rule, by.username, now.getTime());
      auditBy(
        db,
        by,
        {
          action: 'runbook.rule.save',
          target: `runbook:${rule.runbook}`,
          outcome: 'success',
          details: { ...rule, id: stored.id },
        },
        now,
      );
      return stored;
    })();
    this.options.onChanged?.();
    return saved;
  }

  deleteRule(id: number, by: Actor): void {
    const db = this.db;
    const now = this.options.clock.now();
    db.transaction(() => {
      const rule = findRule(db, id);
      if (!rule) throw new DomainError('NOT_FOUND', `There is no runbook rule #${id}.`);
      deleteRule(db, id);
      auditBy(
        db,
        by,
        {
          action: 'runbook.rule.delete',
          target: `runbook:${rule.runbook}`,
          outcome: 'success',
          details: { ...rule },
        },
        now,
      );
    })();
    this.options.onChanged?.();
  }
}
