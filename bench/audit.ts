// Audit log: appends inside write transactions in an encrypted store (baseline: plain INSERTs of the
// same rows, no hashing) and verification of a long chain (baseline: bare SHA-256 of the same bytes).
// AUDIT_BENCH_ENTRIES overrides the chain length (default 1,000,000).
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { arch, cpus, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAudit, verifyAuditLog, type AuditEvent } from '../main/audit/index.ts';
import {
  canonicalEntryFromRow,
  canonicalJson,
  GENESIS_HASH,
  sha256Hex,
} from '../main/audit/entryHash.ts';
import { closeStore, createStore, type WritableDb } from '../main/store/db.ts';

const CHAIN = Number(process.env.AUDIT_BENCH_ENTRIES ?? 1_000_000);
const APPENDS = 50_000;
const BATCH = 500;
const T0 = Date.parse('2025-01-01T00:00:00.000Z');

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

function event(i: number): AuditEvent {
  return {
    actor: `operator${i % 17}`,
    role: 'operator',
    action: i % 3 === 0 ? 'incident.acknowledge' : 'auth.login',
    target: `incident/${i}`,
    outcome: i % 11 === 0 ? 'denied' : 'success',
    details: { host: `gpu-${i % 64}`, attempt: i % 5, note: 'bench' },
  };
}

function benchAppend(db: WritableDb): { perSec: number; baselinePerSec: number } {
  const append = db.transaction((from: number) => {
    for (let i = from; i < from + BATCH; i += 1) appendAudit(db, event(i), new Date(T0 + i));
  });
  let start = performance.now();
  for (let i = 1; i <= APPENDS; i += BATCH) append(i);
  const appendMs = performance.now() - start;

  db.exec(`CREATE TABLE bench_plain (seq INTEGER PRIMARY KEY, ts TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
    action TEXT NOT NULL, target TEXT NOT NULL, outcome TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL) STRICT`);
  const insert = db.prepare('INSERT INTO bench_plain VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const plain = db.transaction((from: number) => {
    for (let i = from; i < from + BATCH; i += 1) {
      const e = event(i);
      insert.run(
        i,
        new Date(T0 + i).toISOString(),
        e.actor,
        e.role,
        e.action,
        e.target,
        e.outcome,
        JSON.stringify(e.details),
        GENESIS_HASH,
        GENESIS_HASH,
      );
    }
  });
  start = performance.now();
  for (let i = 1; i <= APPENDS; i += BATCH) plain(i);
  const plainMs = performance.now() - start;
  db.exec('DROP TABLE bench_plain');
  return { perSec: rate(APPENDS, appendMs), baselinePerSec: rate(APPENDS, plainMs) };
}

// Extends the chain with exactly what appendAudit would write, but in big batches to save setup time.
function growChain(db: WritableDb, from: number, to: number, prevHash: string): void {
  const insert = db.prepare(
    'INSERT INTO audit_log (seq, ts, actor, role, action, target, outcome, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let prev = prevHash;
  const batch = db.transaction((start: number, end: number) => {
    for (let seq = start; seq <= end; seq += 1) {
      const e = event(seq);
      const ts = new Date(T0 + seq).toISOString();
      const details = canonicalJson(e.details);
      const h = sha256Hex(
        canonicalEntryFromRow(
          seq,
          ts,
          e.actor,
          e.role,
          e.action,
          e.target,
          e.outcome,
          details,
          prev,
        ),
      );
      insert.run(seq, ts, e.actor, e.role, e.action, e.target, e.outcome, details, prev, h);
      prev = h;
    }
  });
  for (let start = from; start <= to; start += 50_000) batch(start, Math.min(to, start + 49_999));
}

// Baseline: SHA-256 alone over the very bytes verification hashes, built ahead of the clock in chunks.
function benchBareHash(db: WritableDb, total: number): number {
  const rows = db
    .prepare(
      'SELECT seq, ts, actor, role, action, target, outcome, details, prev_hash FROM audit_log ORDER BY seq',
    )
    .raw();
  let hashingMs = 0;
  let chunk: string[] = [];
  const flush = () => {
    const start = performance.now();
    for (const text of chunk) hash('sha256', text, 'buffer');
    hashingMs += performance.now() - start;
    chunk = [];
  };
  for (const r of rows.iterate()) {
    const row = r as [number, string, string, string, string, string, string, string, string];
    chunk.push(canonicalEntryFromRow(...row));
    if (chunk.length === 100_000) flush();
  }
  flush();
  return rate(total, hashingMs);
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}, ${platform()} ${arch()}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'mirqab-bench-audit-'));
  try {
    const { db, recoveryKey } = await createStore({
      dataDir: join(dir, 'data'),
      passphrase: 'bench passphrase',
    });
    const append = benchAppend(db);
    console.log(
      `audit append: ${append.perSec} entries/s in transactions of ${BATCH} (baseline: ${append.baselinePerSec} entries/s plain INSERT) — target ≥ 20000`,
    );

    const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      seq: number;
      hash: string;
    };
    let start = performance.now();
    growChain(db, head.seq + 1, CHAIN, head.hash);
    console.log(
      `(built a ${CHAIN}-entry chain in ${((performance.now() - start) / 1000).toFixed(1)} s)`,
    );

    // Single-threaded first (parallel: false), then as the app would with the store key: blocks on two threads.
    start = performance.now();
    const single = verifyAuditLog(db, new Date(), { parallel: false });
    const singleMs = performance.now() - start;
    start = performance.now();
    const report = verifyAuditLog(db, new Date(), { key: Buffer.from(recoveryKey, 'hex') });
    const verifyMs = performance.now() - start;
    for (const r of [single, report]) {
      if (!r.ok || r.count !== CHAIN)
        throw new Error(`verification failed: ${JSON.stringify(r.firstBad)}`);
    }
    const baseline = benchBareHash(db, CHAIN);
    closeStore(db);
    console.log(
      `audit verify, one thread: ${rate(CHAIN, singleMs)} entries/s (${(singleMs / 1000).toFixed(2)} s)`,
    );
    console.log(
      `audit verify, block-wise with a worker: ${CHAIN} entries in ${(verifyMs / 1000).toFixed(2)} s — target ≥ 300000 entries/s`,
    );
    console.log(
      '(last line: block-wise verification rate; baseline = bare SHA-256 of the same canonical bytes, one thread)',
    );
    console.log(`audit: ${rate(CHAIN, verifyMs)} entries/s (baseline: ${baseline} entries/s)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
