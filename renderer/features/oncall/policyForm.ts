// The policy editor's draft, checked here (messages are i18n keys) before the backend checks the
// same rules and that every schedule and operator named exists.
import type { IncidentCategory, Priority } from '../../../shared/domain/incidents/index.ts';
import {
  MAX_TIER_TIMEOUT_MINUTES,
  type PolicySpecInput,
  type TierKind,
  type TierTarget,
} from '../../../shared/domain/oncall/index.ts';
import type { EscalationPolicyView } from '../../../shared/ipc/contract.ts';

export interface TierDraft {
  kind: TierKind;
  label: string;
  targets: TierTarget[];
  timeout: string;
}

export interface PolicyDraft {
  name: string;
  description: string;
  isDefault: boolean;
  priorities: Priority[];
  categories: IncidentCategory[];
  /** Comma-separated service names; empty: any service. */
  services: string;
  repeat: string;
  tiers: TierDraft[];
}

export type TierField = 'targets' | 'timeout';
export interface PolicyErrors {
  name?: string;
  priorities?: string;
  repeat?: string;
  tiers: Partial<Record<TierField, string>>[];
}

export const newTier = (kind: TierKind = 'first_line'): TierDraft => ({
  kind,
  label: '',
  targets: [],
  timeout: '15',
});

export function policyDraftOf(policy: EscalationPolicyView | null): PolicyDraft {
  if (!policy) {
    return {
      name: '',
      description: '',
      isDefault: false,
      priorities: ['P1', 'P2'],
      categories: [],
      services: '',
      repeat: '0',
      tiers: [newTier()],
    };
  }
  return {
    name: policy.name,
    description: policy.description,
    isDefault: policy.isDefault,
    priorities: [...policy.priorities],
    categories: [...policy.categories],
    services: policy.services.join(', '),
    repeat: String(policy.repeat),
    tiers: policy.tiers.map((t) => ({
      kind: t.kind,
      label: t.label,
      targets: [...t.targets],
      timeout: String(t.timeoutMinutes),
    })),
  };
}

const wholeIn = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

export const servicesOf = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

export function checkPolicyDraft(
  draft: PolicyDraft,
): { spec: PolicySpecInput; errors: null } | { spec: null; errors: PolicyErrors } {
  const errors: PolicyErrors = {
    tiers: draft.tiers.map((tier) => ({
      ...(tier.targets.length === 0 ? { targets: 'oncall.errors.noTargets' } : {}),
      ...(wholeIn(tier.timeout, 1, MAX_TIER_TIMEOUT_MINUTES)
        ? {}
        : { timeout: 'oncall.errors.timeout' }),
    })),
  };
  if (!draft.name.trim()) errors.name = 'oncall.errors.policyName';
  if (draft.priorities.length === 0) errors.priorities = 'oncall.errors.noPriorities';
  if (!wholeIn(draft.repeat, 0, 10)) errors.repeat = 'oncall.errors.repeat';
  const isBad =
    errors.name ||
    errors.priorities ||
    errors.repeat ||
    errors.tiers.some((e) => Object.keys(e).length > 0);
  if (isBad) return { spec: null, errors };
  return {
    errors: null,
    spec: {
      name: draft.name.trim(),
      description: draft.description.trim(),
      isDefault: draft.isDefault,
      priorities: draft.priorities,
      categories: draft.categories,
      services: servicesOf(draft.services),
      repeat: Number(draft.repeat),
      tiers: draft.tiers.map((t) => ({
        kind: t.kind,
        label: t.label.trim(),
        targets: t.targets,
        timeoutMinutes: Number(t.timeout),
      })),
    },
  };
}
