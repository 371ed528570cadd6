// The SciPy reference values (test/fixtures/stats/reference.json, written by generate.py beside it), typed.
import { readFixture } from '../../helpers/fixtures.ts';
import type { ConversionCounts, SampleSummary } from '../../../shared/domain/stats/index.ts';

type Interval = [number, number];
interface TTestCase {
  t: number;
  df: number;
  pValue: number;
}

export interface StatsReference {
  scipy: string;
  tQuantile: { p: number; df: number; t: number }[];
  welch: (TTestCase & { a: number[]; b: number[] })[];
  welchSummary: (TTestCase & { a: SampleSummary; b: SampleSummary })[];
  srm: { observed: number[]; shares: number[]; chi2: number; pValue: number }[];
  chance: { control: ConversionCounts; variant: ConversionCounts; chance: number }[];
  effects: {
    control: SampleSummary;
    variant: SampleSummary;
    difference: 'absolute' | 'relative';
    prior: { mean: number; variance: number } | null;
    estimate: number;
    variance: number;
    df: number;
    fixed: { interval: Interval; pValue: number };
    sequential: { interval: Interval; pValue: number };
    bayes: { estimate: number; sd: number; interval: Interval; chanceToWin: number };
  }[];
  cuped: { y: number[]; x: number[]; theta: number; adjusted: number[]; varianceReduction: number };
  corrections: { pValues: number[]; holm: number[]; bh: number[] };
  ks: { a: number[]; b: number[]; statistic: number; pValue: number }[];
  kstwo: { n: number; d: number; sf: number }[];
  histograms: {
    edges: number[];
    reference: number[];
    current: number[];
    chi2: number;
    chi2Df: number;
    chi2P: number;
    psi: number;
    jensenShannon: number;
    hellinger: number;
    wassersteinHist: number;
    binWidth: number;
    wassersteinRaw: number;
  };
  categorical: {
    p: number[];
    q: number[];
    jensenShannon: number;
    hellinger: number;
    psi: number;
  }[];
  wasserstein: { a: number[]; b: number[]; distance: number }[];
  zTest: {
    successesA: number;
    totalA: number;
    successesB: number;
    totalB: number;
    z: number;
    pValue: number;
  }[];
  power: {
    proportions: { baselineRate: number; mde: number; alpha: number; power: number; n: number }[];
    means: { sd: number; mde: number; alpha: number; power: number; n: number }[];
  };
}

export const ref = JSON.parse(readFixture('stats', 'reference.json')) as StatsReference;
