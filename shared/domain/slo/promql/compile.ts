// PromQL text → typed plan, using the Prometheus project's own Lezer grammar. Everything outside the subset
// Mirqab evaluates is refused with a message naming the part of the query, never silently approximated.
import { parser } from '@prometheus-io/lezer-promql';
import {
  compileLabelRegex,
  parsePromDuration,
  parsePromNumber,
  substituteWindowTemplate,
  unquotePromQlString,
} from './literals.ts';
import type {
  ArithmeticOp,
  Grouping,
  LabelMatcher,
  MatchOp,
  PromQlError,
  PromQlErrorCode,
  PromQlPlan,
  PromQlResult,
  SeriesSelector,
} from './types.ts';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

class CompileError extends Error {
  constructor(
    readonly code: PromQlErrorCode,
    message: string,
    readonly from: number,
    readonly to: number,
  ) {
    super(message);
  }
}

const ARITHMETIC: Record<string, ArithmeticOp> = { Add: '+', Sub: '-', Mul: '*', Div: '/' };
const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const SET_OPERATORS = new Set(['And', 'Or', 'Unless']);
const MATCH_OPS: Record<string, MatchOp> = {
  EqlSingle: '=',
  Neq: '!=',
  EqlRegex: '=~',
  NeqRegex: '!~',
};
const MODIFIER_EXPRS: Record<string, string> = {
  OffsetExpr: 'the offset modifier',
  StepInvariantExpr: 'the @ modifier',
  SubqueryExpr: 'a subquery',
  AnchoredExpr: 'the anchored modifier',
  SmoothedExpr: 'the smoothed modifier',
};
const SNIPPET_MAX = 80;

/** Compiles one query; Sloth's `{{.window}}` is accepted as the range (see TEMPLATE_WINDOW). */
export function parsePromQl(query: string): PromQlResult<PromQlPlan> {
  const { text, toOriginal } = substituteWindowTemplate(query);
  const compiler = new Compiler(
    text,
    (from, to) => snippet(query, toOriginal(from), toOriginal(to)),
    (offset) => position(query, toOriginal(offset)),
  );
  try {
    return { ok: true, value: compiler.compileQuery() };
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    const from = Math.min(toOriginal(error.from), query.length);
    return {
      ok: false,
      error: {
        code: error.code,
        message: error.message,
        from,
        to: Math.max(from, Math.min(toOriginal(error.to), query.length)),
      },
    };
  }
}

/** For validation as the operator types in the SLO editor. */
export function validatePromQl(query: string): { ok: true } | { ok: false; error: PromQlError } {
  const result = parsePromQl(query);
  return result.ok ? { ok: true } : { ok: false, error: result.error };
}

function snippet(query: string, from: number, to: number): string {
  const text = query.slice(from, to).replace(/\s+/g, ' ').trim();
  return text.length > SNIPPET_MAX ? `${text.slice(0, SNIPPET_MAX - 1)}…` : text;
}

function position(query: string, offset: number): string {
  const before = query.slice(0, offset).split('\n');
  const column = (before[before.length - 1]?.length ?? 0) + 1;
  return before.length > 1 ? `line ${before.length}, column ${column}` : `column ${column}`;
}

class Compiler {
  constructor(
    private readonly text: string,
    private readonly quote: (from: number, to: number) => string,
    private readonly where: (offset: number) => string,
  ) {}

  compileQuery(): PromQlPlan {
    if (this.text.replace(/#.*$/gm, '').trim() === '')
      throw new CompileError('syntax', 'PromQL: the query is empty', 0, this.text.length);
    const tree = parser.parse(this.text);
    this.refuseSyntaxErrors(tree.topNode);
    const expressions = children(tree.topNode).filter((node) => node.name !== 'LineComment');
    const [root] = expressions;
    if (!root) throw new CompileError('syntax', 'PromQL: the query is empty', 0, this.text.length);
    return this.expr(root);
  }

  private refuseSyntaxErrors(top: SyntaxNode): void {
    let bad: SyntaxNode | undefined;
    top.cursor().iterate((ref) => {
      if (bad) return false;
      if (ref.type.isError) bad = ref.node;
      return undefined;
    });
    if (!bad) return;
    const previous = bad.prevSibling;
    const near = this.text.slice(bad.from, bad.to).trim();
    if (previous?.name === 'Identifier' && near.startsWith('(')) {
      const name = this.text.slice(previous.from, previous.to);
      const end = previous.parent?.to ?? bad.to;
      throw new CompileError(
        'syntax',
        `PromQL: "${name}" is not a PromQL function (in "${this.quote(previous.from, end)}")`,
        previous.from,
        end,
      );
    }
    const where = this.where(bad.from);
    const what =
      near === ''
        ? bad.from >= this.text.trimEnd().length
          ? 'the query ends too early'
          : 'something is missing here'
        : `unexpected "${near}"`;
    throw new CompileError(
      'syntax',
      `PromQL: syntax error at ${where}: ${what}`,
      bad.from,
      Math.max(bad.to, bad.from + 1),
    );
  }

  private unsupported(construct: string, node: SyntaxNode, hint = ''): CompileError {
    return new CompileError(
      'unsupported',
      `PromQL: ${construct} is not supported (in "${this.quote(node.from, node.to)}")${hint}`,
      node.from,
      node.to,
    );
  }

  private syntax(message: string, node: SyntaxNode): CompileError {
    return new CompileError(
      'syntax',
      `PromQL: ${message} (in "${this.quote(node.from, node.to)}")`,
      node.from,
      node.to,
    );
  }

  private source(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private expr(node: SyntaxNode): PromQlPlan {
    switch (node.name) {
      case 'ParenExpr':
        return this.expr(this.single(children(node), node, 'parentheses hold one expression'));
      case 'NumberDurationLiteral': {
        const value = parsePromNumber(this.source(node));
        if (value === undefined) throw this.unsupported('a duration used as a number', node);
        return { kind: 'number', value };
      }
      case 'StringLiteral':
        throw this.unsupported('a string literal', node);
      case 'VectorSelector':
        return { kind: 'gauge', selector: this.selector(node) };
      case 'MatrixSelector':
        throw this.unsupported('a range selector outside rate() or increase()', node);
      case 'FunctionCall':
        return this.functionCall(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'UnaryExpr':
        return this.unary(node);
      default: {
        const modifier = MODIFIER_EXPRS[node.name];
        throw this.unsupported(modifier ?? `"${this.source(node)}"`, node);
      }
    }
  }

  private single(nodes: SyntaxNode[], parent: SyntaxNode, message: string): SyntaxNode {
    const [only] = nodes;
    if (!only || nodes.length !== 1) throw this.syntax(message, parent);
    return only;
  }

  private functionCall(node: SyntaxNode): PromQlPlan {
    const identifier = node.getChild('FunctionIdentifier');
    const name = identifier ? this.source(identifier) : '';
    const kind = identifier?.firstChild?.name;
    if (kind !== 'Rate' && kind !== 'Increase')
      throw this.unsupported(`${name}()`, node, '; only rate() and increase() are');
    const body = node.getChild('FunctionCallBody');
    const argument = this.single(
      body ? children(body) : [],
      node,
      `${name}() takes one range selector, such as ${name}(x[5m])`,
    );
    if (MODIFIER_EXPRS[argument.name] !== undefined)
      throw this.unsupported(MODIFIER_EXPRS[argument.name] ?? '', argument);
    if (argument.name !== 'MatrixSelector')
      throw this.syntax(`${name}() needs a range selector, such as ${name}(x[5m])`, node);
    const vector = argument.getChild('VectorSelector');
    const duration = argument.getChild('DurationExpr');
    if (!vector || !duration)
      throw this.syntax('a range selector needs a metric and a range', argument);
    const [literal, ...rest] = children(duration);
    if (literal?.name !== 'NumberDurationLiteralInDurationContext' || rest.length > 0)
      throw this.unsupported('a computed range', duration, '; write a plain duration such as 5m');
    const rangeMs = parsePromDuration(this.source(literal));
    if (rangeMs === undefined || rangeMs <= 0)
      throw this.syntax(`"${this.source(literal)}" is not a duration such as 5m`, literal);
    return {
      kind: 'counter',
      fn: kind === 'Rate' ? 'rate' : 'increase',
      rangeMs,
      selector: this.selector(vector),
    };
  }

  private aggregate(node: SyntaxNode): PromQlPlan {
    const op = node.getChild('AggregateOp');
    const name = op ? this.source(op) : '';
    if (op?.firstChild?.name !== 'Sum')
      throw this.unsupported(`${name}()`, node, '; only sum, sum by and sum without are');
    const body = node.getChild('FunctionCallBody');
    const argument = this.single(body ? children(body) : [], node, 'sum() takes one expression');
    const modifier = node.getChild('AggregateModifier');
    const grouping: Grouping = { mode: 'by', labels: [] };
    if (modifier) {
      grouping.mode = modifier.getChild('Without') ? 'without' : 'by';
      const labels = modifier.getChild('GroupingLabels');
      grouping.labels = labels ? children(labels).map((label) => this.labelName(label)) : [];
    }
    return { kind: 'sum', grouping, expr: this.expr(argument) };
  }

  private binary(node: SyntaxNode): PromQlPlan {
    const parts = children(node);
    const left = parts[0];
    const operator = parts[1];
    const right = parts[parts.length - 1];
    if (!left || !operator || !right || parts.length < 3)
      throw this.syntax('an operator needs two sides', node);
    const op = ARITHMETIC[operator.name];
    if (op === undefined) {
      const symbol = this.source(operator);
      if (COMPARISONS.has(operator.name))
        throw this.unsupported(`the comparison "${symbol}"`, node, '; only + - * / are');
      if (SET_OPERATORS.has(operator.name))
        throw this.unsupported(`the set operator "${symbol}"`, node, '; only + - * / are');
      throw this.unsupported(`the operator "${symbol}"`, node, '; only + - * / are');
    }
    for (const modifier of parts.slice(2, -1)) {
      const text = this.source(modifier);
      if (modifier.name === 'BoolModifier') throw this.unsupported('the bool modifier', node);
      throw this.unsupported(
        `vector matching "${text}"`,
        node,
        '; both sides are matched on all their labels',
      );
    }
    const leftPlan = this.expr(left);
    const rightPlan = this.expr(right);
    if (leftPlan.kind === 'number' && rightPlan.kind === 'number')
      return { kind: 'number', value: arithmetic(op, leftPlan.value, rightPlan.value) };
    return { kind: 'binary', op, left: leftPlan, right: rightPlan };
  }

  private unary(node: SyntaxNode): PromQlPlan {
    const sign = node.getChild('UnaryOp');
    const operand = children(node).find((child) => child.name !== 'UnaryOp');
    if (!sign || !operand) throw this.syntax('a sign needs an expression', node);
    const plan = this.expr(operand);
    if (this.source(sign) === '+') return plan;
    if (plan.kind === 'number') return { kind: 'number', value: -plan.value };
    return { kind: 'binary', op: '*', left: { kind: 'number', value: -1 }, right: plan };
  }

  private selector(node: SyntaxNode): SeriesSelector {
    const identifier = node.getChild('Identifier');
    let metric = identifier ? this.source(identifier) : undefined;
    const matchers: LabelMatcher[] = [];
    const setMetric = (name: string, at: SyntaxNode): void => {
      if (metric !== undefined && metric !== name)
        throw this.syntax(`the metric name is given twice ("${metric}" and "${name}")`, at);
      metric = name;
    };
    const list = node.getChild('LabelMatchers');
    for (const item of list ? children(list) : []) {
      if (item.name === 'QuotedLabelName') {
        setMetric(this.labelName(item), item);
        continue;
      }
      const matcher = this.matcher(item);
      if (matcher.name !== '__name__') matchers.push(matcher);
      else if (matcher.op === '=') setMetric(matcher.value, item);
      else
        throw this.unsupported(
          `matching the metric name with ${matcher.op}`,
          item,
          '; name one metric',
        );
    }
    if (metric === undefined) throw this.unsupported('a selector without a metric name', node);
    return { metric, matchers };
  }

  private matcher(node: SyntaxNode): LabelMatcher {
    const nameNode = node.getChild('LabelName') ?? node.getChild('QuotedLabelName');
    const opNode = node.getChild('MatchOp')?.firstChild;
    const valueNode = node.getChild('StringLiteral');
    const op = opNode ? MATCH_OPS[opNode.name] : undefined;
    if (!nameNode || !op || !valueNode)
      throw this.syntax('a label matcher is name, operator and quoted value', node);
    const value = this.string(valueNode);
    if (op === '=~' || op === '!~') {
      const compiled = compileLabelRegex(value);
      if (!compiled.ok)
        throw this.syntax(
          `the regular expression "${value}" cannot be used: ${compiled.reason}`,
          node,
        );
    }
    return { name: this.labelName(nameNode), op, value };
  }

  private labelName(node: SyntaxNode): string {
    if (node.name === 'LabelName') return this.source(node);
    const literal = node.getChild('StringLiteral');
    if (!literal) throw this.syntax('expected a label name', node);
    return this.string(literal);
  }

  private string(node: SyntaxNode): string {
    const value = unquotePromQlString(this.source(node));
    if (value === undefined) throw this.syntax('this string has an invalid escape', node);
    return value;
  }
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

export function arithmetic(op: ArithmeticOp, left: number, right: number): number {
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
  }
}
