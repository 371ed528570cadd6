import type { WritableDb } from '../types.ts';

export type Migration = {
  readonly version: number;
  readonly name: string;
  up(db: WritableDb): void;
};
