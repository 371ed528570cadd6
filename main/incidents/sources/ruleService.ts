// What operators do with threshold rules: list, create, change and delete them, each change audited
// in the same transaction. Validation is the rule schema's (at the API edge); names are unique.
import type { ThresholdRule, ThresholdRuleSpec } from '../../../shared/domain/alertRules/index.ts';
import { auditBy } from '../../audit/index.ts';
import type { Clock } from '../../core/clock.ts';
import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../identity/sessions.ts';
import type { WritableDb } from '../../store/types.ts';
import type { KnownSignals } from '../../../shared/ipc/alertRuleChannels.ts';
import { knownSignals } from './knownSignals.ts';
import {
  deleteRule,
  findRule,
  findRuleIdByName,
  insertRule,
  listRules,
  updateRule,
} from './ruleRepository.ts';

export class AlertRuleService {
  constructor(private readonly options: { store: () => WritableDb; clock: Clock }) {}

  list(): ThresholdRule[] {
    return listRules(this.options.store()).flatMap((stored) => (stored.rule ? [stored.rule] : []));
  }

  signals(): KnownSignals {
    return knownSignals(this.options.store());
  }

  /** Creates a rule (no id) or replaces rule `id`; a rename resolves the old name's alerts. */
  save(spec: ThresholdRuleSpec, id: number | undefined, actor: Actor): ThresholdRule {
    const db = this.options.store();
    const now = this.options.clock.now();
    const nowMs = now.getTime();
    const savedId = db.transaction(() => {
      const sameName = findRuleIdByName(db, spec.name);
      if (sameName !== null && sameName !== id)
        throw new DomainError('CONFLICT', `A rule named "${spec.name}" already exists.`);
      if (id === undefined) {
        const created = insertRule(db, spec, actor.username, nowMs);
        auditBy(
          db,
          actor,
          {
            action: 'alertRule.create',
            target: `alertRule:${spec.name}`,
            outcome: 'success',
            details: { ...spec },
          },
          now,
        );
        return created;
      }
      const before = findRule(db, id);
      if (!before) throw new DomainError('NOT_FOUND', `There is no alert rule with id ${id}.`);
      updateRule(db, id, spec, actor.username, nowMs);
      auditBy(
        db,
        actor,
        {
          action: 'alertRule.update',
          target: `alertRule:${spec.name}`,
          outcome: 'success',
          details: { before: before.rule ?? before.error, after: { ...spec } },
        },
        now,
      );
      return id;
    })();
    return findRule(db, savedId)!.rule!;
  }

  remove(id: number, actor: Actor): void {
    const db = this.options.store();
    const now = this.options.clock.now();
    db.transaction(() => {
      const rule = findRule(db, id);
      if (!rule || !deleteRule(db, id))
        throw new DomainError('NOT_FOUND', `There is no alert rule with id ${id}.`);
      auditBy(
        db,
        actor,
        {
          action: 'alertRule.delete',
          target: `alertRule:${rule.rule?.name ?? id}`,
          outcome: 'success',
          details: { rule: rule.rule ?? rule.error },
        },
        now,
      );
    })();
  }
}
