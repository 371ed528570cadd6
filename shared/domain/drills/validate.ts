// Reads a drill scenario and reports every mistake at once, each located as FILE:LINE:COLUMN with
// the field it is about (`injects[2].target.host`), so an author fixes a file in one pass.
import { formatDocumentProblem, readYamlDocument, type DocumentProblem } from '../yamlDocument.ts';
import { DrillScenarioSchema, scenarioCrossChecks, type DrillScenario } from './scenario.ts';

export type DrillProblem = DocumentProblem;

export type DrillScenarioParse =
  { ok: true; scenario: DrillScenario } | { ok: false; problems: DrillProblem[] };

/** Largest scenario text accepted (a scenario is a page of injects, not a data file). */
export const MAX_SCENARIO_BYTES = 256 * 1024;

/** `FILE:LINE:COLUMN: field: message`, the form compilers use, so editors can jump to it. */
export function formatDrillProblem(problem: DrillProblem, file: string): string {
  return formatDocumentProblem(problem, file);
}

/** Parses and validates one scenario document. */
export function parseDrillScenario(text: string): DrillScenarioParse {
  const read = readYamlDocument(text, {
    schema: DrillScenarioSchema,
    what: 'scenario',
    maxBytes: MAX_SCENARIO_BYTES,
    crossChecks: scenarioCrossChecks,
  });
  return read.ok ? { ok: true, scenario: read.value } : read;
}
