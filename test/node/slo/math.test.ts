// SLO arithmetic against hand-computed cases and against Sloth's published window tables and the
// burn-rate factors in its generated Prometheus rules.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  alertWindowsOf,
  burnRate,
  burnRateThreshold,
  defaultAlertWindows,
  errorAllowance,
  errorBudget,
  timeToExhaustionMinutes,
  type AlertWindow,
} from '../../../shared/domain/slo/index.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { sloSpec } from './sloHistories.ts';

describe('burn rate and budget arithmetic', () => {
  it('a 1 % error ratio against a 99.9 % objective burns the budget ten times too fast', () => {
    expect(burnRate(0.01, 0.999)).toBeCloseTo(10, 12);
    expect(burnRate(0.001, 0.999)).toBeCloseTo(1, 12);
    expect(burnRate(0, 0.999)).toBe(0);
    expect(errorAllowance(0.9)).toBe(0.1);
  });

  it('2 % of a 30-day budget in one hour is a burn rate of 14.4; 5 % in six hours is 6', () => {
    expect(burnRateThreshold(0.02, 720, 1)).toBe(14.4);
    expect(burnRateThreshold(0.05, 720, 6)).toBe(6);
    expect(burnRateThreshold(0.1, 720, 24)).toBe(3);
    expect(burnRateThreshold(0.1, 720, 72)).toBe(1);
  });

  it('a million requests at 99.9 % may fail a thousand; 500 failures leave half the budget', () => {
    expect(errorBudget({ objective: 0.999, good: 999_500, total: 1_000_000 })).toEqual({
      total: 1000,
      consumed: 500,
      remaining: 500,
      remainingFraction: 0.5,
      consumedFraction: 0.5,
    });
    expect(errorBudget({ objective: 0.999, good: 998_000, total: 1_000_000 })).toMatchObject({
      remaining: -1000,
      remainingFraction: -1,
      consumedFraction: 2,
    });
  });

  it('meeting a 90 % objective exactly spends the whole budget and no more (no float residue)', () => {
    expect(errorBudget({ objective: 0.9, good: 900, total: 1000 })).toEqual({
      total: 100,
      consumed: 100,
      remaining: 0,
      remainingFraction: 0,
      consumedFraction: 1,
    });
  });

  it('with nothing counted nothing is allowed and nothing is spent', () => {
    expect(errorBudget({ objective: 0.999, good: 0, total: 0 })).toEqual({
      total: 0,
      consumed: 0,
      remaining: 0,
      remainingFraction: 1,
      consumedFraction: 0,
    });
  });

  it('half a 30-day budget left at burn rate 10 runs out in 36 hours; nothing burning never runs out', () => {
    expect(timeToExhaustionMinutes(0.5, 10, 43_200)).toBe(2160);
    expect(timeToExhaustionMinutes(0.5, 0, 43_200)).toBeNull();
    expect(timeToExhaustionMinutes(0.5, null, 43_200)).toBeNull();
    expect(timeToExhaustionMinutes(-0.2, 3, 43_200)).toBe(0);
  });
});

interface SlothWindow {
  errorBudgetPercent: number;
  shortWindow: string;
  longWindow: string;
}
interface SlothWindows {
  spec: {
    sloPeriod: string;
    page: { quick: SlothWindow; slow: SlothWindow };
    ticket: { quick: SlothWindow; slow: SlothWindow };
  };
}

const minutesOf = (duration: string): number => {
  const match = /^(\d+)([mhd])$/.exec(duration);
  if (!match) throw new Error(`unexpected duration ${duration}`);
  return Number(match[1]) * { m: 1, h: 60, d: 1440 }[match[2] as 'm' | 'h' | 'd'];
};

function slothTable(file: string): {
  periodMinutes: number;
  windows: AlertWindow[];
  factors: number[];
} {
  const doc = parse(readFixture('slo', file)) as SlothWindows;
  const periodMinutes = minutesOf(doc.spec.sloPeriod);
  const entries = [
    ['page', doc.spec.page.quick],
    ['page', doc.spec.page.slow],
    ['ticket', doc.spec.ticket.quick],
    ['ticket', doc.spec.ticket.slow],
  ] as const;
  const windows = entries.map(([severity, w]) => ({
    severity,
    longMinutes: minutesOf(w.longWindow),
    shortMinutes: minutesOf(w.shortWindow),
    budgetFraction: w.errorBudgetPercent / 100,
  }));
  // Sloth's own formula (internal/alert/window.go): (period / long window) × (budget % / 100).
  const factors = windows.map((w) => (periodMinutes / w.longMinutes) * w.budgetFraction);
  return { periodMinutes, windows, factors };
}

describe("Sloth's alert window tables", () => {
  it.each([
    ['sloth_windows_google-30d.yaml', 30, [14.4, 6, 3, 1]],
    ['sloth_windows_google-28d.yaml', 28, [13.44, 5.6, 2.8, 0.933333333333]],
  ])(
    '%s: the Workbook defaults for a %i-day SLO are the same windows and thresholds',
    (file, days, expected) => {
      const table = slothTable(file);
      expect(table.periodMinutes).toBe(days * 1440);
      const mine = defaultAlertWindows(days);
      expect(mine.map(({ threshold: _t, ...w }) => w)).toEqual(table.windows);
      mine.forEach((w, i) => {
        expect(w.threshold).toBeCloseTo(table.factors[i]!, 9);
        expect(w.threshold).toBeCloseTo(expected[i]!, 9);
      });
    },
  );

  it.each([
    ['sloth_windows_7d.yaml', 7, [13.44, 3.5, 1.4, 0.98]],
    ['sloth_windows_custom-30d.yaml', 30, [14.4, 4.8, 3, 1]],
  ])(
    '%s: as an SLO override, the thresholds derive from its own window as Sloth derives them',
    (file, days, expected) => {
      const table = slothTable(file);
      const spec = sloSpec({
        window: { type: 'rolling', days: days as 7 | 30 },
        alerting: { windows: table.windows },
      });
      const mine = alertWindowsOf(spec, table.periodMinutes);
      expect(mine.map(({ threshold: _t, ...w }) => w)).toEqual(table.windows);
      mine.forEach((w, i) => {
        expect(w.threshold).toBeCloseTo(table.factors[i]!, 9);
        expect(w.threshold).toBeCloseTo(expected[i]!, 9);
      });
    },
  );

  it('an explicit threshold in the SLO wins over the derived one', () => {
    const spec = sloSpec({
      alerting: {
        windows: [
          {
            severity: 'page',
            longMinutes: 60,
            shortMinutes: 5,
            budgetFraction: 0.02,
            threshold: 10,
          },
        ],
      },
    });
    expect(alertWindowsOf(spec, 43_200)).toEqual([
      { severity: 'page', longMinutes: 60, shortMinutes: 5, budgetFraction: 0.02, threshold: 10 },
    ]);
  });
});

describe("Sloth's generated rules for a 99.9 % 30-day SLO", () => {
  // Each `ratio_rate<window>{…} > (<factor> * <error budget>)` term, in rule order: short then long window.
  const TERM = /slo:sli_error:ratio_rate(\w+)\{[^}]*\} > \(([\d.]+) \* ([\d.e-]+)\)/g;
  const doc = parse(readFixture('slo', 'sloth_getting-started.expected.yml')) as {
    groups: { rules: { alert?: string; expr: string; labels: Record<string, string> }[] }[];
  };
  const alerts = doc.groups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined);

  it('pages and tickets on the same short/long windows with the same burn-rate factors', () => {
    const fromSloth = alerts.flatMap((rule) => {
      const terms = [...rule.expr.matchAll(TERM)].map((m) => ({
        window: minutesOf(m[1]!),
        factor: Number(m[2]),
        budget: Number(m[3]),
      }));
      const pairs = [];
      for (let i = 0; i < terms.length; i += 2) {
        const [short, long] = [terms[i]!, terms[i + 1]!];
        expect(short.factor).toBe(long.factor);
        expect(short.budget).toBeCloseTo(errorAllowance(0.999), 12);
        pairs.push({
          severity: rule.labels.sloth_severity,
          longMinutes: long.window,
          shortMinutes: short.window,
          threshold: long.factor,
        });
      }
      return pairs;
    });
    expect(fromSloth.map((p) => p.threshold)).toEqual([14.4, 6, 3, 1]);
    expect(defaultAlertWindows(30).map(({ budgetFraction: _b, ...w }) => w)).toEqual(fromSloth);
  });
});
