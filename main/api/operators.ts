// Operators, their roles, lockouts and sessions: adapters over identity's services.
import { requireActor, type ApiServices, type DomainHandlers } from './handler.ts';

const done = { done: true as const };

export function operatorHandlers({
  identity,
}: ApiServices): DomainHandlers<
  | 'operators.list'
  | 'operators.create'
  | 'operators.resetPassword'
  | 'operators.setRole'
  | 'operators.setDisabled'
  | 'operators.lockouts'
  | 'operators.clearLockout'
  | 'sessions.list'
  | 'sessions.revoke'
  | 'sessions.issueLink'
> {
  const { operators, sessions } = identity;
  return {
    'operators.list': () => operators.list(),
    'operators.lockouts': (_input, call) => operators.lockouts(call.now),
    'operators.clearLockout': (input, call) => (
      operators.clearLockout(requireActor(call), { scope: input.scope, id: input.id }, call.now),
      done
    ),
    'operators.create': (input, call) => operators.create(requireActor(call), input, call.now),
    'operators.resetPassword': async (input, call) => (
      await operators.resetPassword(requireActor(call), input.username, input.password, call.now),
      done
    ),
    'operators.setRole': (input, call) =>
      operators.setRole(requireActor(call), input.username, input.role, call.now),
    'operators.setDisabled': (input, call) =>
      operators.setDisabled(requireActor(call), input.username, input.disabled, call.now),
    'sessions.list': (_input, call) => sessions.list(requireActor(call)),
    'sessions.revoke': (input, call) => (
      sessions.revoke(requireActor(call), input.id, call.now),
      done
    ),
    'sessions.issueLink': (_input, call) =>
      sessions.issueLink(requireActor(call), call.ctx.signInLinks, call.now),
  };
}
