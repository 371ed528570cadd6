// Alert sources' pure logic: the condition state machine, threshold rules and the anomaly detector.
export * from './anomaly.ts';
export * from './condition.ts';
export * from './modelSignals.ts';
export * from './rule.ts';
