// Every verification and export signs a checkpoint first and then records itself in the log, naming
// the checkpoint's size. An entry like that whose checkpoint is missing proves checkpoints were
// removed; a log that has such entries and no checkpoints at all was stripped of them.
import type { Checkpoint } from '../../shared/ipc/contract.ts';
import { all, sql } from '../store/sql.ts';
import type { ReadableDb } from '../store/types.ts';

type Problem = { seq: number; reason: string };

type Attesting = {
  words: string;
  size: (details: Record<string, unknown>) => unknown;
  root: (details: Record<string, unknown>) => unknown;
};

const ATTESTING: Record<string, Attesting> = {
  'audit.verify': {
    words: 'a verification that signed a checkpoint',
    size: (d) => d['treeSize'] ?? d['count'],
    root: (d) => d['rootHash'],
  },
  'audit.export': {
    words: 'an audit export of a checkpoint',
    size: (d) => d['treeSize'] ?? d['entries'],
    root: (d) => d['rootHash'],
  },
  'sla.export': {
    words: 'an SLA report stamped with a checkpoint',
    size: (d) => (d['checkpoint'] as Record<string, unknown> | undefined)?.['treeSize'],
    root: (d) => (d['checkpoint'] as Record<string, unknown> | undefined)?.['rootHash'],
  },
};
const ACTIONS = Object.keys(ATTESTING);

/** The first successful verification or export entry whose checkpoint the store no longer holds. */
export function attestationProblem(
  db: ReadableDb,
  checkpoints: readonly Checkpoint[],
): Problem | null {
  const bySize = new Map(checkpoints.map((cp) => [cp.treeSize, cp]));
  const rows = all<{ seq: number; action: string; details: string }>(
    db,
    sql`SELECT seq, action, details FROM audit_log WHERE action IN (${ACTIONS[0]}, ${ACTIONS[1]}, ${ACTIONS[2]}) AND outcome = 'success' ORDER BY seq`,
  );
  for (const row of rows) {
    const attesting = ATTESTING[row.action] as Attesting;
    let details: Record<string, unknown>;
    try {
      details = JSON.parse(row.details) as Record<string, unknown>;
    } catch {
      // reason: an unparsable entry fails its own hash check; this rule has nothing to add
      continue;
    }
    const size = attesting.size(details);
    if (typeof size !== 'number' || !Number.isInteger(size)) continue;
    const cp = bySize.get(size);
    const root = attesting.root(details);
    if (!cp) {
      const none = checkpoints.length === 0 ? ' (the store holds no checkpoints at all)' : '';
      return {
        seq: row.seq,
        reason: `entry ${row.seq} records ${attesting.words} over ${size} entries, but that checkpoint is gone${none}: checkpoints were removed`,
      };
    }
    if (typeof root === 'string' && root !== cp.rootHash) {
      return {
        seq: row.seq,
        reason: `entry ${row.seq} records ${attesting.words} over ${size} entries with another root than the stored one: checkpoints were replaced`,
      };
    }
  }
  return null;
}
