// Runbook templating: `{{incident.host}}`-style placeholders filled from the incident and the model's
// version history. A small, closed set of variables; an unknown one is a validation error, a missing
// value stops the step from running. Text is substituted as text, never evaluated or given to a shell.

/** Every variable a runbook may use, with what it holds (shown in the README and the library page). */
export const TEMPLATE_VARIABLES = {
  'incident.id': 'the incident number',
  'incident.title': "the incident's title",
  'incident.priority': "the incident's priority (P1–P5)",
  'incident.service': 'the affected service (usually the model name)',
  'incident.cluster': 'the affected cluster',
  'incident.host': 'the host named by its alerts (the first alert with a host label)',
  'incident.model': 'the model named by its alerts, else its service',
  'incident.version':
    'the model version named by its alerts, else the one the incident marked suspect (deployed just before it)',
  'model.current': 'the version the model service runs now',
  'model.lastKnownGood': 'the newest version of the model known to have been healthy',
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

/** Values for each variable; null where the incident or the fleet does not know it. */
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

const isVariable = (name: string): name is TemplateVariable =>
  Object.prototype.hasOwnProperty.call(TEMPLATE_VARIABLES, name);

/** Problems with the placeholders in one text: unknown variables and unclosed braces. */
export function templateProblems(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!isVariable(name))
      problems.push(
        `unknown template variable "${name}" (known: ${Object.keys(TEMPLATE_VARIABLES).join(', ')})`,
      );
  }
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}'))
    problems.push('has a "{{" or "}}" that is not part of a {{variable}} placeholder');
  return problems;
}

/** The variables a text uses, in order of first use. */
export function variablesOf(text: string): TemplateVariable[] {
  const used: TemplateVariable[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (isVariable(name) && !used.includes(name)) used.push(name);
  }
  return used;
}

export interface Rendered {
  text: string;
  /** Variables the text needs that have no value: the text cannot be used as it is. */
  missing: TemplateVariable[];
}

/** Fills every placeholder; a variable without a value is left as written and reported. */
export function renderTemplate(text: string, values: TemplateValues): Rendered {
  const missing: TemplateVariable[] = [];
  const out = text.replace(PLACEHOLDER, (whole, raw: string) => {
    const value = isVariable(raw) ? values[raw] : undefined;
    if (value === undefined || value === null || value === '') {
      if (isVariable(raw) && !missing.includes(raw)) missing.push(raw);
      return whole;
    }
    return value;
  });
  return { text: out, missing };
}
