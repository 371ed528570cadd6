// Sign in and out, lock and resume, change one's own password: adapters over identity's services.
// Only the shell's session token is handled here, as it belongs to the caller's connection.
import { requireActor, requireSession, type ApiServices, type DomainHandlers } from './handler.ts';

const done = { done: true as const };

export function authHandlers({
  identity,
}: ApiServices): DomainHandlers<
  | 'auth.signIn'
  | 'auth.signOut'
  | 'auth.lock'
  | 'auth.unlock'
  | 'auth.whoami'
  | 'auth.changePassword'
> {
  const { signIn, sessions } = identity;
  return {
    'auth.signIn': async (input, { ctx, now }) => {
      const { token, info } = await signIn.signIn(input.username, input.password, ctx.client, now);
      ctx.setSessionToken(token);
      return info;
    },
    'auth.signOut': (_input, call) => {
      signIn.signOut(requireActor(call), call.now);
      call.ctx.setSessionToken(null);
      return done;
    },
    'auth.lock': (input, call) => (
      sessions.lock(requireSession(call), input.reason, call.now),
      done
    ),
    'auth.unlock': (input, call) =>
      signIn.unlock(requireActor(call), input.password, call.ctx.client, call.now),
    'auth.whoami': (_input, call) => signIn.whoami(call.session),
    'auth.changePassword': async (input, call) => (
      await signIn.changePassword(
        requireActor(call),
        input.current,
        input.next,
        call.ctx.client,
        call.now,
      ),
      done
    ),
  };
}
