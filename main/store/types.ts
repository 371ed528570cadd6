// Read and write handles are distinct types, so queries can move to a worker without changing callers.
import type Database from 'better-sqlite3-multiple-ciphers';

export type ReadableDb = Database.Database & { readonly __readableDb: never };
export type WritableDb = ReadableDb & { readonly __writableDb: never };

export type StoreErrorCode =
  | 'WRONG_KEY'
  | 'WRONG_PASSPHRASE'
  | 'NEWER_SCHEMA'
  | 'NOT_INITIALISED'
  | 'ALREADY_INITIALISED'
  | 'CORRUPT'
  | 'UNSAFE_FOLDER';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
