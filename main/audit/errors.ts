export type AuditErrorCode = 'EXPORT_DIR_NOT_EMPTY' | 'INVALID_EVENT' | 'CHAIN_MISMATCH';

export class AuditError extends Error {
  readonly code: AuditErrorCode;
  constructor(code: AuditErrorCode, message: string) {
    super(message);
    this.name = 'AuditError';
    this.code = code;
  }
}
