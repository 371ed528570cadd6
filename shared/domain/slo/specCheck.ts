// The last step of every importer: validate with the one SloSpec schema and the PromQL subset, reporting
// each failure at the source field it came from.
import { parsePromQl, returnsOneSeries, type PromQlPlan } from './promql/index.ts';
import { SloSpecSchema, type SloSpec, type SloSpecInput } from './spec.ts';
import type { FieldReader } from './yamlFields.ts';

/** Where each SloSpec field came from in the source, by dotted spec path (longest prefix wins). */
export type SourceFields = Record<string, FieldReader | undefined>;

export function finishSpec(
  input: SloSpecInput,
  fields: SourceFields,
  root: FieldReader,
): SloSpec | undefined {
  const result = SloSpecSchema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const specPath = issue.path.map(String).join('.');
    let best: FieldReader | undefined;
    let bestLength = -1;
    for (const [key, reader] of Object.entries(fields)) {
      const isPrefix = specPath === key || specPath.startsWith(`${key}.`);
      if (reader && isPrefix && key.length > bestLength) {
        best = reader;
        bestLength = key.length;
      }
    }
    (best ?? root).problem(best ? issue.message : `${specPath}: ${issue.message}`);
  }
  return undefined;
}

/** Compiles a query found at `reader`, reporting what is unsupported; warns when it may yield several series. */
export function checkQuery(reader: FieldReader, query: string | undefined): PromQlPlan | undefined {
  if (query === undefined) return undefined;
  const result = parsePromQl(query);
  if (!result.ok) return reader.problem(result.error.message);
  if (!returnsOneSeries(result.value))
    reader.warn(
      'this query can return several series but an SLO reads one; wrap it in sum(…) or it will fail when evaluated',
    );
  return result.value;
}
