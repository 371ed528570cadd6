// The audit trail as operators and auditors use it: read it, verify it, export it (both audited).
import { join } from 'node:path';
import type { ChannelOutput, ChannelParsedInput } from '../../shared/ipc/contract.ts';
import {
  AuditError,
  auditBy,
  exportAuditBundle,
  listAudit,
  verifyAuditLog,
} from '../audit/index.ts';
import { DomainError } from './errors.ts';
import type { Site } from './site.ts';

type Who = { username: string; role: string };

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
  return `audit-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

export class AuditTrail {
  constructor(private readonly site: Site) {}

  list(filter: ChannelParsedInput<'audit.list'>): ChannelOutput<'audit.list'> {
    return listAudit(this.site.store(), filter);
  }

  verify(by: Who, now: Date): ChannelOutput<'audit.verify'> {
    const db = this.site.store();
    const key = this.site.key();
    const report = signed(() => verifyAuditLog(db, now, key ? { key } : {}));
    auditBy(
      db,
      by,
      {
        action: 'audit.verify',
        target: 'audit-log',
        outcome: report.ok ? 'success' : 'failure',
        details: {
          count: report.count,
          headHash: report.headHash,
          firstBad: report.firstBad,
          treeSize: report.checkpoint?.treeSize ?? null,
          rootHash: report.checkpoint?.rootHash ?? null,
        },
      },
      now,
    );
    return report;
  }

  export(by: Who, now: Date): ChannelOutput<'audit.export'> {
    const db = this.site.store();
    const directory = join(this.site.dataDir, 'exports', exportFolderName(now));
    const bundle = signed(() =>
      exportAuditBundle(db, directory, { siteName: this.site.settings().siteName, now }),
    );
    auditBy(
      db,
      by,
      {
        action: 'audit.export',
        target: 'audit-log',
        outcome: 'success',
        details: {
          directory,
          entries: bundle.entries,
          treeSize: bundle.checkpoint.treeSize,
          rootHash: bundle.checkpoint.rootHash,
        },
      },
      now,
    );
    return bundle;
  }
}
