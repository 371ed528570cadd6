// The audit trail as operators and auditors see it, and the Overview that summarises the site.
import { join } from 'node:path';
import { roleCan } from '../../shared/domain/roles.ts';
import { AuditError, countAudit, exportAuditBundle, listAudit, verifyAuditLog } from '../audit/index.ts';
import { countOperators } from '../store/repositories/operators.ts';
import { listLiveSessions } from '../store/repositories/sessions.ts';
import { audit, requireActor, type ApiDeps, type DomainHandlers } from './handler.ts';
import { DomainError } from '../core/errors.ts';

// A log the console refuses to sign over (shortened, rewritten, contradicted by a witness) is a conflict to act on, not an internal error.
function signed<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AuditError) throw new DomainError('CONFLICT', error.message);
    throw error;
  }
}

/** A folder name that sorts by time and is safe on every OS: audit-20261126T061500Z. */
export function exportFolderName(now: Date): string {
  return `audit-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

export function auditHandlers(
  deps: ApiDeps,
): DomainHandlers<'overview.get' | 'audit.list' | 'audit.verify' | 'audit.export'> {
  const { site } = deps;
  return {
    'overview.get': (_input, call) => {
      const actor = requireActor(call);
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
    },

    'audit.list': (input) => listAudit(site.store(), input),

    'audit.verify': (_input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      const key = site.key();
      const report = signed(() => verifyAuditLog(db, call.now, key ? { key } : {}));
      audit(db, actor, {
        action: 'audit.verify',
        target: 'audit-log',
        outcome: report.ok ? 'success' : 'failure',
        details: { count: report.count, headHash: report.headHash, firstBad: report.firstBad, treeSize: report.checkpoint?.treeSize ?? null, rootHash: report.checkpoint?.rootHash ?? null },
      }, call.now);
      return report;
    },

    'audit.export': (_input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      const directory = join(site.dataDir, 'exports', exportFolderName(call.now));
      const bundle = signed(() => exportAuditBundle(db, directory, {
        siteName: site.settings().siteName,
        now: call.now,
      }));
      audit(db, actor, {
        action: 'audit.export',
        target: 'audit-log',
        outcome: 'success',
        details: { directory, entries: bundle.entries, treeSize: bundle.checkpoint.treeSize, rootHash: bundle.checkpoint.rootHash },
      }, call.now);
      return bundle;
    },
  };
}
