// Which escalation policy takes an incident, and when each tier is paged if nobody acknowledges.
import { describe, expect, it } from 'vitest';
import {
  escalationTimeline,
  nextStep,
  policyFor,
  PolicySpecSchema,
  type EscalationPolicy,
  type PolicySpecInput,
} from '../../../shared/domain/oncall/index.ts';

function policy(id: number, spec: Partial<PolicySpecInput>): EscalationPolicy {
  return {
    id,
    ...PolicySpecSchema.parse({
      name: `policy-${id}`,
      priorities: ['P1', 'P2'],
      tiers: [
        {
          kind: 'first_line',
          targets: [{ type: 'operator', username: 'amal' }],
          timeoutMinutes: 15,
        },
      ],
      ...spec,
    }),
  };
}

describe('choosing the policy for an incident', () => {
  const fallback = policy(1, { isDefault: true, priorities: ['P1', 'P2', 'P3'] });
  const gpu = policy(2, { categories: ['gpu_infrastructure'] });
  const fraud = policy(3, { services: ['fraud-scoring'] });
  const all = [fallback, gpu, fraud];

  it('a service-specific policy beats a category policy, which beats the default', () => {
    expect(
      policyFor(all, { priority: 'P1', category: 'gpu_infrastructure', service: 'fraud-scoring' }),
    ).toBe(fraud);
    expect(policyFor(all, { priority: 'P2', category: 'gpu_infrastructure', service: 'ocr' })).toBe(
      gpu,
    );
    expect(policyFor(all, { priority: 'P1', category: 'data_pipeline', service: null })).toBe(
      fallback,
    );
  });

  it('the default policy takes only the priorities it lists; a P5 pages nobody', () => {
    expect(policyFor(all, { priority: 'P3', category: 'gpu_infrastructure', service: null })).toBe(
      fallback,
    );
    expect(policyFor(all, { priority: 'P5', category: 'other', service: null })).toBeNull();
  });
});

describe('the escalation chain', () => {
  const chain = policy(1, {
    repeat: 1,
    tiers: [
      { kind: 'first_line', targets: [{ type: 'schedule', scheduleId: 1 }], timeoutMinutes: 15 },
      { kind: 'functional', targets: [{ type: 'schedule', scheduleId: 2 }], timeoutMinutes: 20 },
      {
        kind: 'hierarchical',
        targets: [{ type: 'operator', username: 'lead' }],
        timeoutMinutes: 30,
      },
    ],
  });

  it('a P1 escalates to tier 2 after 15 minutes and to the lead after 35, then runs once more', () => {
    expect(escalationTimeline(chain)).toEqual([
      { tier: 0, repeat: 0, atMinute: 0 },
      { tier: 1, repeat: 0, atMinute: 15 },
      { tier: 2, repeat: 0, atMinute: 35 },
      { tier: 0, repeat: 1, atMinute: 65 },
      { tier: 1, repeat: 1, atMinute: 80 },
      { tier: 2, repeat: 1, atMinute: 100 },
    ]);
    expect(nextStep(chain, { tier: 2, repeat: 1 })).toBeNull();
  });

  it('refuses a tier that pages nobody and a policy for no priority, saying why', () => {
    const result = PolicySpecSchema.safeParse({
      name: 'empty',
      priorities: [],
      tiers: [{ kind: 'first_line', targets: [], timeoutMinutes: 15 }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'a policy applies to at least one priority',
      'a tier must page someone: add a schedule or an operator',
    ]);
  });
});
