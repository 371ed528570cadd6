// What operators do with escalation policies: list, create, replace and delete them. Every tier must
// page a schedule that exists or an enabled operator; one policy at most is the default.
import type { PolicySpec } from '../../../shared/domain/oncall/index.ts';
import type { EscalationPolicyView } from '../../../shared/ipc/contract.ts';
import { auditBy } from '../../audit/index.ts';
import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../identity/index.ts';
import type { ReadableDb } from '../../store/db.ts';
import { assertOperators, type OnCallDeps } from '../oncall/people.ts';
import { findSchedule } from '../oncall/scheduleRepository.ts';
import {
  deletePolicy,
  findDefaultPolicy,
  findPolicy,
  findPolicyIdByName,
  insertPolicy,
  listPolicies,
  updatePolicy,
  type StoredPolicy,
} from './policyRepository.ts';

const view = ({ updatedAtMs, ...policy }: StoredPolicy): EscalationPolicyView => ({
  ...policy,
  updatedAt: new Date(updatedAtMs).toISOString(),
});

function checkTiers(db: ReadableDb, spec: PolicySpec): void {
  spec.tiers.forEach((tier, i) => {
    const where = `Tier ${i + 1}${tier.label ? ` (${tier.label})` : ''}`;
    for (const target of tier.targets) {
      if (target.type === 'schedule' && !findSchedule(db, target.scheduleId))
        throw new DomainError(
          'BAD_REQUEST',
          `${where}: there is no on-call schedule #${target.scheduleId}.`,
        );
    }
    assertOperators(
      db,
      tier.targets.flatMap((t) => (t.type === 'operator' ? [t.username] : [])),
      where,
    );
  });
}

export class EscalationPolicyService {
  constructor(private readonly deps: OnCallDeps) {}

  list(): EscalationPolicyView[] {
    return listPolicies(this.deps.store()).map(view);
  }

  save(id: number | undefined, spec: PolicySpec, actor: Actor): EscalationPolicyView {
    const db = this.deps.store();
    const now = this.deps.clock.now();
    const saved = db.transaction(() => {
      const before = id === undefined ? null : findPolicy(db, id);
      if (id !== undefined && !before)
        throw new DomainError('NOT_FOUND', `There is no escalation policy #${id}.`);
      const sameName = findPolicyIdByName(db, spec.name);
      if (sameName !== null && sameName !== id)
        throw new DomainError(
          'CONFLICT',
          `An escalation policy named "${spec.name}" already exists.`,
        );
      const currentDefault = findDefaultPolicy(db);
      if (spec.isDefault && currentDefault && currentDefault.id !== id)
        throw new DomainError(
          'CONFLICT',
          `"${currentDefault.name}" is already the default policy: clear it there first (there is one default).`,
        );
      checkTiers(db, spec);
      const savedId = before ? before.id : insertPolicy(db, spec, actor.username, now.getTime());
      if (before) updatePolicy(db, before.id, spec, actor.username, now.getTime());
      auditBy(
        db,
        actor,
        {
          action: before ? 'escalation.policy.update' : 'escalation.policy.create',
          target: `escalation-policy:${savedId}`,
          outcome: 'success',
          details: { spec },
        },
        now,
      );
      return findPolicy(db, savedId)!;
    })();
    this.deps.events.emit('oncall.changed', {});
    return view(saved);
  }

  /** Incidents already escalating under it stop paging on their next step (the timeline says so). */
  remove(id: number, actor: Actor): void {
    const db = this.deps.store();
    const now = this.deps.clock.now();
    db.transaction(() => {
      const policy = findPolicy(db, id);
      if (!policy) throw new DomainError('NOT_FOUND', `There is no escalation policy #${id}.`);
      deletePolicy(db, id);
      auditBy(
        db,
        actor,
        {
          action: 'escalation.policy.delete',
          target: `escalation-policy:${id}`,
          outcome: 'success',
          details: { name: policy.name },
        },
        now,
      );
    })();
    this.deps.events.emit('oncall.changed', {});
  }
}
