// Numbered schema migrations, applied in one transaction and tracked with PRAGMA user_version.
import type { WritableDb } from '../types.ts';
import { migration0010 } from './0010-initial.ts';
import { migration0020 } from './0020-audit-log.ts';
import { migration0030 } from './0030-fleet.ts';
import { migration0040 } from './0040-slo.ts';
import { migration0050 } from './0050-samples-recent.ts';
import { migration0060 } from './0060-audit-witnesses.ts';
import { migration0070 } from './0070-incidents.ts';
import { migration0080 } from './0080-oncall.ts';
import { migration0090 } from './0090-notifications.ts';
import { migration0100 } from './0100-alert-rules.ts';
import { migration0110 } from './0110-model-versions.ts';
import { migration0120 } from './0120-runbooks.ts';
import { migration0130 } from './0130-postmortems.ts';
import { migration0140 } from './0140-drill-scenarios.ts';
import { migration0150 } from './0150-drill-runs.ts';
import { migration0160 } from './0160-password-reset.ts';
import { migration0170 } from './0170-series-chunks.ts';
import { migration0180 } from './0180-drift.ts';
import { migration0190 } from './0190-experiments.ts';
import { migration0200 } from './0200-model-governance.ts';
import { migration0210 } from './0210-rollup-minutes.ts';
import type { Migration } from './types.ts';

export type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
  migration0090,
  migration0100,
  migration0110,
  migration0120,
  migration0130,
  migration0140,
  migration0150,
  migration0160,
  migration0170,
  migration0180,
  migration0190,
  migration0200,
  migration0210,
];

// A misnumbered registry would silently skip or repeat a migration, so fail at load instead.
function assertMonotonic(list: readonly Migration[]): void {
  let previous = 0;
  for (const m of list) {
    if (!Number.isInteger(m.version) || m.version <= previous || m.version % 10 !== 0) {
      throw new Error(`Migration ${m.version} (${m.name}) is out of order after ${previous}`);
    }
    previous = m.version;
  }
}
assertMonotonic(MIGRATIONS);

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function schemaVersion(db: { pragma: WritableDb['pragma'] }): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(
  db: WritableDb,
  options: { to?: number } = {},
): { from: number; to: number } {
  const target = options.to ?? LATEST_SCHEMA_VERSION;
  const from = schemaVersion(db);
  if (from > LATEST_SCHEMA_VERSION) {
    throw new Error(`Schema ${from} is newer than this build knows (${LATEST_SCHEMA_VERSION})`);
  }
  const pending = MIGRATIONS.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      // user_version lives in the header page, so it commits or rolls back with the migration.
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return { from, to: schemaVersion(db) };
}
