// Hostile input: random text and mutated real lines never crash or hang the parsers, and every
// rejection carries a line number and a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseExposition,
  type ExpositionResult,
} from '../../../shared/domain/metrics/exposition.ts';
import { parseNvidiaSmiCsv } from '../../../shared/domain/metrics/nvidiaSmi.ts';
import { readFixture } from '../../helpers/fixtures.ts';

const realLines = [
  ...readFixture('metrics', 'prometheus-python-client.txt').split('\n'),
  ...readFixture('metrics', 'vllm_datadog_fixture.txt').split('\n').slice(150, 200),
  ...readFixture('expfmt', 'openmetrics_parsers', 'histogram_exemplars', 'metrics').split('\n'),
  ...readFixture('expfmt', 'openmetrics_parsers', 'escaping', 'metrics').split('\n'),
  ...readFixture('expfmt', 'prom_textparse_valid_edgecases.txt').split('\n'),
];
const smiLines = readFixture('nvidia-smi', 'smi-query-idle.csv')
  .split('\n')
  .concat(readFixture('nvidia-smi', 'smi-query-load-stream.csv').split('\n'));
const special = fc.constantFrom(
  '{',
  '}',
  '"',
  '\\',
  '=',
  ',',
  ' ',
  '\t',
  '#',
  '\n',
  '\0',
  'e',
  '+Inf',
  'NaN',
  '# EOF',
  '# TYPE ',
  '_bucket',
  'le="',
  '\u2603',
  '[N/A]',
  '0x',
);

/** A real line with a random cut, insertion or deletion. */
const mutatedLine = (pool: readonly string[]) =>
  fc
    .tuple(
      fc.constantFrom(...pool),
      fc.nat(),
      fc.nat(),
      fc.oneof(special, fc.string({ maxLength: 4 })),
    )
    .map(([line, a, b, insert]) => {
      const i = line.length === 0 ? 0 : a % (line.length + 1);
      const j = Math.min(line.length, i + (b % 4));
      return b % 3 === 0
        ? line.slice(0, i)
        : line.slice(0, i) + insert + line.slice(b % 2 === 0 ? j : i);
    });

const document = (pool: readonly string[]) =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: mutatedLine(pool) },
        { weight: 1, arbitrary: fc.constantFrom(...pool) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      ),
      { maxLength: 40 },
    )
    .map((lines) => lines.join('\n'));

function expectExplained(result: ExpositionResult, lineCount: number): void {
  for (const issue of result.errors) {
    expect(Number.isInteger(issue.line)).toBe(true);
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.line).toBeLessThanOrEqual(lineCount + 1);
    expect(issue.message.trim().length).toBeGreaterThan(5);
  }
}

describe('exposition parser under fuzzing', () => {
  for (const format of ['prometheus', 'openmetrics', 'auto'] as const) {
    it(`never throws and explains every rejection (${format}, mutated real lines)`, () => {
      fc.assert(
        fc.property(document(realLines), (text) => {
          const result = parseExposition(text, { format });
          expectExplained(result, text.split('\n').length);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('never throws on arbitrary strings and bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })),
        (text) => {
          for (const format of ['prometheus', 'openmetrics'] as const)
            expectExplained(parseExposition(text, { format }), text.split('\n').length);
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const lines = bytes.filter((x) => x === 10).length + 1;
        expectExplained(parseExposition(bytes, { format: 'openmetrics' }), lines);
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear on pathological lines (no catastrophic backtracking)', () => {
    const n = 200_000;
    const inputs = [
      `a{${'b="1",'.repeat(n / 6)}`,
      `a ${'1'.repeat(n)}x`,
      `a{b="${'\\'.repeat(n)}`,
      `# HELP a ${'\\'.repeat(n)}`,
      `${'a'.repeat(n)} 1 ${'9'.repeat(n)}.${'9'.repeat(n)}e`,
      `a_total 1 # {${'x="y",'.repeat(n / 6)}} 1`,
      `${'{'.repeat(n)}`,
    ];
    const started = performance.now();
    for (const line of inputs) {
      for (const format of ['prometheus', 'openmetrics'] as const) {
        const result = parseExposition(`${line}\n${line}\n# EOF\n`, { format });
        expectExplained(result, 4);
      }
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('nvidia-smi parser under fuzzing', () => {
  it('never throws and explains every rejected row', () => {
    fc.assert(
      fc.property(fc.oneof(document(smiLines), fc.string({ maxLength: 300 })), (text) => {
        const result = parseNvidiaSmiCsv(text);
        for (const issue of result.errors) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.line).toBeLessThanOrEqual(text.split('\n').length);
          expect(issue.message.length).toBeGreaterThan(5);
        }
        for (const gpu of result.gpus)
          expect(Array.isArray(gpu.clockEventReasons.active)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('stays linear on a huge row', () => {
    const started = performance.now();
    parseNvidiaSmiCsv(
      `${'x, '.repeat(100_000)}\n${'['.repeat(100_000)}\n${'a.b ['.repeat(50_000)}`,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
