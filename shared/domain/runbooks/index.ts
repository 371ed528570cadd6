export * from './schema.ts';
export * from './template.ts';
export * from './validate.ts';
export * from './plan.ts';
