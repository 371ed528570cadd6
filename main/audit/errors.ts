export type AuditErrorCode =
  | 'EXPORT_DIR_NOT_EMPTY'
  | 'INVALID_EVENT'
  | 'CHAIN_MISMATCH'
  // The log is shorter than a checkpoint or a witness says it was: entries were removed.
  | 'LOG_SHORTENED'
  // A witness's record contradicts the log, or a witness said something that does not verify.
  | 'WITNESS_CONTRADICTS'
  | 'WITNESS_INVALID';

export class AuditError extends Error {
  readonly code: AuditErrorCode;
  constructor(code: AuditErrorCode, message: string) {
    super(message);
    this.name = 'AuditError';
    this.code = code;
  }
}
