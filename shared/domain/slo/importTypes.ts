// What an SLO import hands back: the specs that passed, and every reason a document (or a field) did not.
import type { SloSpec } from './spec.ts';
import type { FieldReader } from './yamlFields.ts';

/** One finding, located by the field path in the source document and its line (1-based). */
export interface ImportProblem {
  path: string;
  line?: number;
  message: string;
}

export interface ImportResult {
  specs: SloSpec[];
  /** Each of these kept one SLO (or document) out; the others still imported. */
  problems: ImportProblem[];
  /** Fields that were read but have no place in Mirqab (alert routing labels…): the SLO imported without them. */
  warnings: ImportProblem[];
}

export interface ImportOptions {
  /** The site's time zone; calendar windows in another zone are imported with a warning. */
  siteTimeZone?: string;
}

export const DEFAULT_SITE_TIME_ZONE = 'Asia/Dubai';

/** Problems and warnings of one SLO, kept apart so one invalid SLO never blocks the others. */
export class IssueLog {
  readonly problems: ImportProblem[] = [];
  readonly warnings: ImportProblem[] = [];

  get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  mergeInto(target: { problems: ImportProblem[]; warnings: ImportProblem[] }): void {
    target.problems.push(...this.problems);
    target.warnings.push(...this.warnings);
  }
}

/** "file line 30: spec.objectives[1]: message", for lists and logs. */
export function formatImportProblem(problem: ImportProblem, fileName = ''): string {
  const where = [fileName, problem.line === undefined ? '' : `line ${problem.line}`]
    .filter((part) => part !== '')
    .join(' ');
  const path = problem.path === '' ? '' : `${problem.path}: `;
  return `${where === '' ? '' : `${where}: `}${path}${problem.message}`;
}

/** An SLO an importer built, with where its name is written (for duplicate-name problems). */
export interface SpecDraft {
  spec: SloSpec;
  nameAt: FieldReader;
}

/** The name of an SLO that failed to read, so a later SLO of the same name is reported in the same round. */
export interface NameClaim {
  name: string;
  nameAt: FieldReader;
}

/** Takes one document's SLOs, or none of them when its log has problems. */
export type AcceptSpecs = (drafts: SpecDraft[], log: IssueLog, failed?: NameClaim[]) => void;
