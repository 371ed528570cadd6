// Experiment and drift statistics, pure and runtime-neutral (the console, the agent and the renderer
// import them). Distributions and special functions come from @stdlib's single-function packages (ports
// of Boost and Cephes; small, tree-shaken into the renderer); written here by hand, because no JavaScript
// library has them: the exact and finite-n Kolmogorov–Smirnov distributions (kolmogorov.ts, ks.ts), the
// Beta(1, 1) chance-to-win quadrature, GrowthBook's confidence sequences, CUPED, the corrections, the
// distances and Evidently's test selection. Every function is checked against SciPy in test/node/stats.
export * from './descriptive.ts';
export * from './distributions.ts';
export * from './welch.ts';
export * from './chiSquare.ts';
export * from './effect.ts';
export * from './betaBinomial.ts';
export * from './cuped.ts';
export * from './corrections.ts';
export * from './kolmogorov.ts';
export * from './ks.ts';
export * from './distances.ts';
export * from './drift.ts';
export * from './power.ts';
export * from './experimentInput.ts';
export * from './experimentAnalysis.ts';
