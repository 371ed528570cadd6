// Badge tones for change records and retraining requests, one place for every list and detail.
import type { ChangeRecord, RetrainingRequest } from '../../../shared/ipc/governanceSchemas.ts';
import type { Tone } from '../../ui/Badge.tsx';

export const APPROVAL_TONE: Record<ChangeRecord['approval'], Tone> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
};

export const OUTCOME_TONE: Record<ChangeRecord['outcome'], Tone> = {
  pending: 'neutral',
  applied: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

export const REQUEST_TONE: Record<RetrainingRequest['status'], Tone> = {
  pending: 'warning',
  delivered: 'accent',
  failed: 'danger',
  closed: 'success',
};
