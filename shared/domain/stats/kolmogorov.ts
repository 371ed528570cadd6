// The distribution of the one-sample two-sided Kolmogorov–Smirnov statistic D_n for finite n: its survival
// function, as SciPy's `kstwo.sf(d, n)` chooses methods (Simard & L'Ecuyer 2011): Ruben–Gambino at the
// ends, twice the exact one-sided Smirnov tail (Birnbaum–Tingey sum) for large d, the Durbin matrix
// (Marsaglia–Tsang–Wang 2003) where it is cheap, and the Pelz–Good asymptotic series elsewhere. Where SciPy
// uses Pomeranz's recursion (n ≤ 140, 0.754693 < n·d² ≤ 4) the Durbin matrix is used instead: both are
// exact. Hand-written: no JavaScript library ships a finite-n Kolmogorov distribution.
import betaln from '@stdlib/math-base-special-betaln';

const SCALE_EXP = 128;
const SCALE = 2 ** SCALE_EXP;

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** Exact one-sided tail P(D⁺_n ≥ d) (Birnbaum–Tingey), summed in logs. */
export function smirnovSf(n: number, d: number): number {
  if (d <= 0) return 1;
  if (d >= 1) return 0;
  const last = Math.floor(n * (1 - d));
  let sum = 0;
  for (let j = 0; j <= last; j += 1) {
    const rest = 1 - d - j / n;
    if (rest <= 0) continue;
    const logTerm =
      -Math.log(n + 1) -
      betaln(n - j + 1, j + 1) +
      (n - j) * Math.log(rest) +
      (j - 1) * Math.log(d + j / n);
    sum += Math.exp(logTerm);
  }
  return clip(d * sum);
}

function matMul(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1)
    for (let k = 0; k < m; k += 1) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < m; j += 1) out[i * m + j]! += aik * b[k * m + j]!;
    }
  return out;
}

/** P(D_n ≤ d) by the Durbin matrix, as Marsaglia, Tsang and Wang compute it (exact). */
export function kolmogorovCdfDurbin(n: number, d: number): number {
  const nd = n * d;
  if (nd <= 0.5) return 0;
  if (d >= 1) return 1;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const factorial = [1];
  for (let j = 1; j <= m; j += 1) factorial.push(factorial[j - 1]! * j);
  let hm = new Float64Array(m * m);
  for (let r = 0; r < m; r += 1)
    for (let c = 0; c < m; c += 1) if (r - c + 1 >= 0) hm[r * m + c] = 1 / factorial[r - c + 1]!;
  for (let r = 0; r < m; r += 1) {
    hm[r * m] = (1 - h ** (r + 1)) / factorial[r + 1]!;
    hm[(m - 1) * m + (m - 1 - r)] = (1 - h ** (r + 1)) / factorial[r + 1]!;
  }
  hm[(m - 1) * m] = (1 - 2 * h ** m + Math.max(0, 2 * h - 1) ** m) / factorial[m]!;
  let power: Float64Array<ArrayBuffer> | null = null;
  let powerExp = 0;
  let hExp = 0;
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) {
      power = power ? matMul(power, hm, m) : hm.slice();
      powerExp += hExp;
    }
    if (e > 1) {
      hm = matMul(hm, hm, m);
      hExp *= 2;
      if (Math.abs(hm[(k - 1) * m + (k - 1)]!) > SCALE) {
        for (let i = 0; i < hm.length; i += 1) hm[i]! /= SCALE;
        hExp += SCALE_EXP;
      }
    }
    if (power && Math.abs(power[(k - 1) * m + (k - 1)]!) > SCALE) {
      for (let i = 0; i < power.length; i += 1) power[i]! /= SCALE;
      powerExp += SCALE_EXP;
    }
  }
  let p = power![(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i += 1) {
    p = (i * p) / n;
    if (Math.abs(p) < 1 / SCALE) {
      p *= SCALE;
      powerExp -= SCALE_EXP;
    }
  }
  return clip(p * 2 ** powerExp);
}

/** Pelz–Good approximation of P(D_n ≤ d) (four terms of the Li-Chien/Korolyuk expansion). */
export function kolmogorovCdfPelzGood(n: number, d: number): number {
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const pi2 = Math.PI ** 2;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const qlog = -pi2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const sums = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k -= 1) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const qpower = q ** (8 * k);
    const coeffs = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m2 * m2,
      k3a + k3b * m2 + k3c * m2 * m2 + k3d * m2 * m2 * m2,
    ];
    for (let i = 0; i < 4; i += 1) sums[i] = sums[i]! * qpower + coeffs[i]!;
  }
  const sqrt2pi = Math.sqrt(2 * Math.PI);
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i += 1) sums[i] = (sums[i]! * q * sqrt2pi) / divisors[i]!;
  q = Math.exp(-pi2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxk; k > 0; k -= 1) {
    const qk = q ** (k * k);
    k2extra += k * k * qk;
    k3extra += (sqrt3z + Math.PI * k) * (sqrt3z - Math.PI * k) * k * k * qk;
  }
  sums[2]! += (k2extra * pi2 * sqrt2pi) / (-36 * z ** 3);
  sums[3]! += (k3extra * pi2 * sqrt2pi) / (216 * z6);
  let total = 0;
  for (let i = 0; i < 4; i += 1) total += sums[i]! / n ** (i / 2);
  return total;
}

function logFactorialOverPower(n: number): number {
  // log(n! / n^n) = −log(n + 1)... via betaln would lose digits; a plain sum of logs is exact enough.
  let sum = 0;
  for (let i = 1; i <= n; i += 1) sum += Math.log(i / n);
  return sum;
}

/** P(D_n ≥ d): the p-value of a one-sample KS statistic d from n rows (as scipy.stats.kstwo.sf). */
export function kolmogorovSf(n: number, d: number): number {
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    return clip(1 - Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1)));
  }
  if (t >= n - 1) return clip(2 * (1 - d) ** n);
  if (d >= 0.5) return clip(2 * smirnovSf(n, d));
  const nd2 = t * d;
  if (n <= 140) {
    if (nd2 <= 4) return clip(1 - kolmogorovCdfDurbin(n, d));
    return clip(2 * smirnovSf(n, d));
  }
  if (nd2 >= 370) return 0;
  if (nd2 >= 2.2) return clip(2 * smirnovSf(n, d));
  const cdf =
    n <= 100_000 && n * d ** 1.5 <= 1.4 ? kolmogorovCdfDurbin(n, d) : kolmogorovCdfPelzGood(n, d);
  return clip(1 - cdf);
}
