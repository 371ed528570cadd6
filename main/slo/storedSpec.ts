// Specs (SLOs, SLAs, policies) are stored as JSON and re-validated on read, so a row edited by hand
// shows up as an entry with an error instead of breaking the list.
import type { z } from 'zod';

/** A spec row as the SLO and SLA tables hold it. */
export type SpecRow = {
  id: number;
  name: string;
  spec: string;
  updated_at: string;
  updated_by: string;
};

function issuesText(error: {
  issues: readonly { path: PropertyKey[]; message: string }[];
}): string {
  return error.issues
    .map((i) => `${i.path.map(String).join('.') || '(spec)'}: ${i.message}`)
    .join('; ');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A stored spec, re-validated: null with the reason when it no longer validates. */
export function parseStored<T>(
  row: SpecRow,
  schema: z.ZodType<T>,
  what: string,
): { spec: T | null; error: string | null } {
  const parsed = schema.safeParse(parseJson(row.spec));
  return parsed.success
    ? { spec: parsed.data, error: null }
    : { spec: null, error: `stored ${what} is invalid: ${issuesText(parsed.error)}` };
}
