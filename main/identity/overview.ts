// The Overview: the site at a glance, with recent audit entries for those allowed to read them.
import { roleCan } from '../../shared/domain/roles.ts';
import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import { countAudit, listAudit } from '../audit/index.ts';
import type { Site } from '../core/site.ts';
import { countOperators } from './operatorRepository.ts';
import { listLiveSessions } from './sessionRepository.ts';
import type { Actor } from './sessions.ts';

export function siteOverview(site: Site, actor: Actor): ChannelOutput<'overview.get'> {
  const db = site.store();
  const settings = site.settings();
  return {
    siteName: settings.siteName,
    timeZone: settings.timeZone,
    residency: settings.residency,
    operatorCount: countOperators(db),
    activeSessions: listLiveSessions(db).length,
    auditCount: countAudit(db),
    recentAudit: roleCan(actor.role, 'audit.read') ? listAudit(db, { limit: 8 }).entries : [],
  };
}
