import { useTranslation } from 'react-i18next';
import type { AuditOutcome } from '../../store/auditSlice.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';

const TONE: Record<AuditOutcome, Tone> = {
  success: 'success',
  failure: 'warning',
  denied: 'danger',
};

export function AuditOutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const { t } = useTranslation();
  return <Badge tone={TONE[outcome]}>{t(`audit.outcomes.${outcome}`)}</Badge>;
}
