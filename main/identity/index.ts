// Identity's public surface: the services the API adapters and the composition root use.
import type { IdentityDeps } from './deps.ts';
import { OperatorService } from './operatorService.ts';
import { SessionService } from './sessionService.ts';
import { SignInService } from './signIn.ts';
import { SiteSetup } from './siteSetup.ts';

export { AttemptLimiter } from './attempts.ts';
export type { IdentityDeps } from './deps.ts';
export { siteOverview } from './overview.ts';
export { tryOpenWithProtectedKey } from './siteSetup.ts';
export type { Admission, SignInLinkIssuer } from './sessionService.ts';
export type { Actor, ResolvedSession } from './sessions.ts';
export type { OperatorService, SessionService, SignInService, SiteSetup };

export interface Identity {
  setup: SiteSetup;
  signIn: SignInService;
  sessions: SessionService;
  operators: OperatorService;
}

export function createIdentity(
  deps: IdentityDeps & { shell: 'desktop' | 'browser'; version: string },
): Identity {
  return {
    setup: new SiteSetup(deps),
    signIn: new SignInService(deps),
    sessions: new SessionService(deps),
    operators: new OperatorService(deps),
  };
}
