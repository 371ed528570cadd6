// The audit log's public surface; other modules import only from here.
export type { AuditEntry, Checkpoint, VerifyReport } from '../../shared/ipc/contract.ts';
export {
  appendAudit,
  auditBy,
  auditHead,
  observeAuditAppends,
  type AuditAppendObserver,
  countAudit,
  listAudit,
  type AuditEvent,
  type AuditFilter,
} from './log.ts';
export { createCheckpoint, latestCheckpoint } from './checkpoint.ts';
export {
  CheckpointSchedule,
  SENSITIVE_ACTIONS,
  type CheckpointScheduleOptions,
} from './schedule.ts';
export { ensureSigningKey, publicKeyPem } from './signing.ts';
export { verifyAuditLog } from './verify.ts';
export { exportAuditBundle } from './exportBundle.ts';
export { verifyAuditBundle, type BundleReport, type BundleOptions } from './verifyBundle.ts';
export { AuditError, type AuditErrorCode } from './errors.ts';
export { GENESIS_HASH } from './entryHash.ts';
export { checkpointForWitness, type WitnessPresentation } from './presentCheckpoint.ts';
export { listWitnesses, recordWitnessState, type WitnessRecord } from './witnesses.ts';
