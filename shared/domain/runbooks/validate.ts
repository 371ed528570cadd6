// Reads a runbook document and reports every mistake at once, each located as FILE:LINE:COLUMN with the
// field it is about, so an author fixes a file in one pass. Nothing is half-read: either the whole
// runbook is valid or there is at least one problem.
import { isRecord, type PathSegment } from '../slo/yamlFields.ts';
import {
  formatDocumentProblem,
  readYamlDocument,
  type DocumentProblem,
  type FieldProblem,
} from '../yamlDocument.ts';
import { DESTRUCTIVE_ACTIONS, GATED_ACTIONS, RunbookSchema, type Runbook } from './schema.ts';
import { templateProblems } from './template.ts';

export type RunbookProblem = DocumentProblem;

export type RunbookParse =
  { ok: true; runbook: Runbook; problems: [] } | { ok: false; problems: RunbookProblem[] };

/** `FILE:LINE:COLUMN: field: message`, the form compilers use, so editors can jump to it. */
export const formatRunbookProblem = formatDocumentProblem;

/** Largest runbook text accepted (a runbook is a page of steps, not a data file). */
export const MAX_RUNBOOK_BYTES = 256 * 1024;

/**
 * Checks zod cannot express: unique step ids, known template variables, destructive actions stay so.
 * Read from the raw document, so they are reported alongside the schema's problems, not after them.
 */
function crossChecks(raw: Record<string, unknown>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const templated = (path: PathSegment[], text: unknown) => {
    if (typeof text === 'string')
      for (const message of templateProblems(text)) out.push({ path, message });
  };
  templated(['title'], raw.title);
  const seen = new Map<string, number>();
  const steps = Array.isArray(raw.steps) ? (raw.steps as unknown[]) : [];
  steps.forEach((step, i) => {
    if (!isRecord(step)) return;
    if (typeof step.id === 'string') {
      const first = seen.get(step.id);
      if (first !== undefined)
        out.push({
          path: ['steps', i, 'id'],
          message: `"${step.id}" is already the id of steps[${first}]`,
        });
      else seen.set(step.id, i);
    }
    templated(['steps', i, 'title'], step.title);
    templated(['steps', i, 'guidance'], step.guidance);
    templated(['steps', i, 'host'], step.host);
    if (isRecord(step.params))
      for (const [name, value] of Object.entries(step.params))
        templated(['steps', i, 'params', name], value);
    const action = typeof step.action === 'string' ? step.action : '';
    if (step.destructive === false && DESTRUCTIVE_ACTIONS.includes(action))
      out.push({
        path: ['steps', i, 'destructive'],
        message: `${action} changes what serves traffic, so it always needs a second approver`,
      });
    if (step.type === 'action' && step.healthGate !== undefined && !GATED_ACTIONS.includes(action))
      out.push({
        path: ['steps', i, 'healthGate'],
        message: `a health gate watches a model after ${GATED_ACTIONS.join(' or ')} only`,
      });
  });
  return out;
}

/** Parses and validates one runbook document. */
export function parseRunbook(text: string): RunbookParse {
  const read = readYamlDocument(text, {
    schema: RunbookSchema,
    what: 'runbook',
    maxBytes: MAX_RUNBOOK_BYTES,
    crossChecks,
    requiredChoice: () => '("manual" or "action")',
  });
  return read.ok ? { ok: true, runbook: read.value, problems: [] } : read;
}
