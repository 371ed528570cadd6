// Small rewrites importers need on PromQL text: split a raw error ratio into its two sides, and read plain
// counters (OpenSLO `counter: true`, Pyrra's `metric`) as increases.
import { parser } from '@prometheus-io/lezer-promql';
import { parsePromQl } from './compile.ts';
import { substituteWindowTemplate } from './literals.ts';
import type { PromQlPlan, PromQlResult } from './types.ts';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** The range written when Mirqab wraps a plain counter; burn-rate windows re-apply their own length. */
export const WRAPPED_COUNTER_RANGE = '5m';

function topExpression(text: string): SyntaxNode | undefined {
  let node: SyntaxNode | null = parser.parse(text).topNode.firstChild;
  while (node?.name === 'LineComment') node = node.nextSibling;
  while (node?.name === 'ParenExpr') node = node.firstChild;
  return node ?? undefined;
}

/** `errors / total` (at the top level, parentheses allowed) → its two sides as written; else undefined. */
export function splitRatioQuery(
  query: string,
): { numerator: string; denominator: string } | undefined {
  if (!parsePromQl(query).ok) return undefined;
  const { text, toOriginal } = substituteWindowTemplate(query);
  const root = topExpression(text);
  if (root?.name !== 'BinaryExpr') return undefined;
  const left = root.firstChild;
  const operator = left?.nextSibling;
  const right = root.lastChild;
  if (!left || !right || operator?.name !== 'Div' || operator.nextSibling?.from !== right.from)
    return undefined;
  return {
    numerator: query.slice(toOriginal(left.from), toOriginal(left.to)).trim(),
    denominator: query.slice(toOriginal(right.from), toOriginal(right.to)).trim(),
  };
}

/** Wraps every selector that is not already inside rate()/increase() in increase(…[5m]). */
export function wrapCountersInIncrease(query: string): PromQlResult<string> {
  const checked = parsePromQl(query);
  if (!checked.ok) return checked;
  const { text, toOriginal } = substituteWindowTemplate(query);
  const spans: { from: number; to: number }[] = [];
  parser
    .parse(text)
    .topNode.cursor()
    .iterate((ref) => {
      if (ref.name === 'MatrixSelector') return false;
      if (ref.name === 'VectorSelector') {
        spans.push({ from: toOriginal(ref.from), to: toOriginal(ref.to) });
        return false;
      }
      return undefined;
    });
  let out = query;
  for (const span of spans.reverse()) {
    out = `${out.slice(0, span.from)}increase(${out.slice(span.from, span.to)}[${WRAPPED_COUNTER_RANGE}])${out.slice(span.to)}`;
  }
  return { ok: true, value: out };
}

/** The histogram bucket a query reads (its one `le="…"` matcher), in seconds; undefined when none or several. */
export function latencyBucketSeconds(plan: PromQlPlan): number | undefined {
  const buckets = new Set<string>();
  const visit = (node: PromQlPlan): void => {
    if (node.kind === 'gauge' || node.kind === 'counter') {
      for (const matcher of node.selector.matchers)
        if (matcher.name === 'le' && matcher.op === '=') buckets.add(matcher.value);
    } else if (node.kind === 'sum') visit(node.expr);
    else if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(plan);
  const [only] = [...buckets];
  const seconds = only === undefined ? Number.NaN : Number(only);
  return buckets.size === 1 && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
