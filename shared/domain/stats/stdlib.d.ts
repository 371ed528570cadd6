// Type declarations for the @stdlib single-function packages the statistics use (they ship no .d.ts);
// each module is CommonJS and exports one function.
declare module '@stdlib/math-base-special-betainc' {
  /** Regularised (default) incomplete beta I_x(a, b); `upper` gives 1 − I_x(a, b) without cancellation. */
  function betainc(x: number, a: number, b: number, regularized?: boolean, upper?: boolean): number;
  export = betainc;
}
declare module '@stdlib/math-base-special-betaln' {
  function betaln(a: number, b: number): number;
  export = betaln;
}
declare module '@stdlib/math-base-special-gammainc' {
  /** Regularised (default) incomplete gamma P(s, x); `upper` gives Q(s, x). */
  function gammainc(x: number, s: number, regularized?: boolean, upper?: boolean): number;
  export = gammainc;
}
declare module '@stdlib/math-base-special-erfc' {
  function erfc(x: number): number;
  export = erfc;
}
declare module '@stdlib/stats-base-dists-normal-quantile' {
  function quantile(p: number, mu: number, sigma: number): number;
  export = quantile;
}
