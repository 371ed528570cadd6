// SLO math and evaluation, pure and runtime-neutral. Inputs: an SloSpec, per-minute good/total points
// (slice indicators: each minute pre-judged), `now`, and options (site time zone, maintenance windows).
// Math: burnRate, burnRateThreshold, errorBudget, defaultAlertWindows. Evaluation: SloTracker (incremental,
// O(windows) per minute, for the live cycle) and evaluateSlo (full recompute; the tracker must agree with it).
// backtestSlo replays history to show when alerts would have fired. Status: attainment, budget, burn rates, alerts.
export * from './spec.ts';
export * from './math.ts';
export * from './windows.ts';
export * from './alertWindows.ts';
export * from './plan.ts';
export * from './alerts.ts';
export * from './history.ts';
export * from './status.ts';
export * from './evaluate.ts';
export * from './tracker.ts';
export * from './backtest.ts';
export * from './coverage.ts';
