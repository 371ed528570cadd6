export * from './escalation.ts';
export * from './onCall.ts';
export * from './rotation.ts';
export * from './schedule.ts';
