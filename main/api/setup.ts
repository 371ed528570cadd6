// First-run setup, store unlock and key management: adapters over identity's SiteSetup.
import { requireActor, type ApiServices, type DomainHandlers } from './handler.ts';

const done = { done: true as const };

export function setupHandlers({
  identity,
}: ApiServices): DomainHandlers<
  'app.status' | 'setup.create' | 'store.unlock' | 'store.changePassphrase' | 'store.rotateKey'
> {
  const { setup } = identity;
  return {
    'app.status': (_input, call) => setup.status(call.session),
    'setup.create': (input, call) => setup.create(input, call.now),
    'store.unlock': async (input, call) => (
      await setup.unlockStore(input, call.ctx.client, call.now),
      done
    ),
    'store.changePassphrase': async (input, call) => (
      await setup.changePassphrase(
        requireActor(call),
        input.current,
        input.next,
        call.ctx.client,
        call.now,
      ),
      done
    ),
    'store.rotateKey': (input, call) =>
      setup.rotateKey(requireActor(call), input.passphrase, call.ctx.client, call.now),
  };
}
