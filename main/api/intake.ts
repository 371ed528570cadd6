// Intake tokens for the site's Alertmanager: each channel names the actor and calls the service;
// the rules (shown once, hashed, audited) live in main/incidents/intake.
import type { IntakeTokens } from '../incidents/intake/tokens.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function intakeHandlers(
  tokens: IntakeTokens,
): DomainHandlers<'intake.listTokens' | 'intake.createToken' | 'intake.revokeToken'> {
  return {
    'intake.listTokens': () => tokens.list(),
    'intake.createToken': (input, call) => tokens.create(input.name, requireActor(call)),
    'intake.revokeToken': (input, call) => {
      tokens.revoke(input.id, requireActor(call));
      return { done: true as const };
    },
  };
}
