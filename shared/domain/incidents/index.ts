export * from './alerts.ts';
export * from './categories.ts';
export * from './lifecycle.ts';
export * from './priority.ts';
export * from './targets.ts';
export * from './classify.ts';
export * from './matching.ts';
export * from './mttx.ts';
