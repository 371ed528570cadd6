// `mirqab audit verify|export|verify-bundle`: the audit trail checked and exported from the command
// line, straight against the store (the console may be running: the store is WAL).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type * as AuditModule from '../audit/index.ts';
import type { BundleReport, VerifyReport } from '../audit/index.ts';
import type { WritableDb } from '../store/types.ts';
import { withStore, type CliContext } from './context.ts';
import { CliError } from './secrets.ts';

type Audit = typeof AuditModule;

function witnessLines(
  witnesses: NonNullable<VerifyReport['witnesses']> | BundleReport['witnesses'],
): string[] {
  if (witnesses.length === 0)
    return ['witnesses: none have cosigned a checkpoint (pair an agent to have one)'];
  return witnesses.map(
    (w) =>
      `witness ${w.name} (key ${w.keyFingerprint}): cosigned entries 1 to ${w.treeSize} at ${w.cosignedAt}`,
  );
}

// The entry that records a verification or export is checkpointed too, so cutting it is caught like any other.
function recordAndCheckpoint(
  audit: Audit,
  db: WritableDb,
  event: Parameters<Audit['appendAudit']>[1],
  now: Date,
): void {
  audit.appendAudit(db, event, now);
  audit.createCheckpoint(db, now);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function auditCommands(program: Command, ctx: CliContext): void {
  // The audit modules load when an audit command runs; an AuditError exits 1 with its message.
  const withAudit = async (
    opts: { dataDir?: string },
    work: (audit: Audit, db: WritableDb, key: Buffer) => void,
  ) => {
    const audit = await import('../audit/index.ts');
    await withStore(
      ctx,
      opts,
      (db, { key }) => work(audit, db, key),
      (error) => error instanceof audit.AuditError,
    );
  };
  const auditCmd = program
    .command('audit')
    .description('verify and export the tamper-evident audit trail');
  auditCmd
    .command('verify')
    .description(
      'check the hash chain, every signed checkpoint and what the witnesses cosigned (exit 1 names the first bad entry); signs a checkpoint only over a log that passed',
    )
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action((opts: { dataDir?: string }) =>
      withAudit(opts, (audit, db, key) => {
        const now = new Date();
        const report = audit.verifyAuditLog(db, now, { key });
        if (!report.ok) {
          console.log(
            `FAILED: ${report.firstBad?.reason ?? 'unknown'} (first bad entry: seq ${report.firstBad?.seq ?? '?'})`,
          );
          for (const line of witnessLines(report.witnesses ?? [])) console.log(line);
          process.exitCode = 1;
          return;
        }
        const details = {
          count: report.count,
          treeSize: report.checkpoint?.treeSize ?? report.count,
          rootHash: report.checkpoint?.rootHash ?? null,
        };
        recordAndCheckpoint(
          audit,
          db,
          {
            ...ctx.cliActor(),
            action: 'audit.verify',
            target: 'audit-log',
            outcome: 'success',
            details,
          },
          now,
        );
        console.log(`ok: ${report.count} entries, head ${report.headHash}`);
        for (const line of witnessLines(report.witnesses ?? [])) console.log(line);
      }),
    );
  auditCmd
    .command('export')
    .description(
      'write an audit bundle (log, signed checkpoint, public key, witness cosignatures) that verifies offline with no store and no key',
    )
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .requiredOption('--out <dir>', 'an empty or new folder for the bundle')
    .action(async (opts: { dataDir?: string; out: string }) => {
      const { getSettings } = await import('../core/settingsRepository.ts');
      await withAudit(opts, (audit, db) => {
        const now = new Date();
        const bundle = audit.exportAuditBundle(db, resolve(opts.out), {
          siteName: getSettings(db).siteName,
          now,
        });
        const details = {
          directory: bundle.directory,
          entries: bundle.entries,
          treeSize: bundle.checkpoint.treeSize,
          rootHash: bundle.checkpoint.rootHash,
        };
        recordAndCheckpoint(
          audit,
          db,
          {
            ...ctx.cliActor(),
            action: 'audit.export',
            target: 'audit-log',
            outcome: 'success',
            details,
          },
          now,
        );
        console.log(
          `Exported ${bundle.entries} entries to ${bundle.directory} (root ${bundle.checkpoint.rootHash}, key ${bundle.checkpoint.keyFingerprint}).`,
        );
      });
    });
  auditCmd
    .command('verify-bundle')
    .description(
      'verify an exported audit bundle offline; with --expect-fingerprint and --previous it also proves who signed it and that it extends what you held before',
    )
    .argument('<dir>', 'the bundle folder')
    .option(
      '--expect-fingerprint <F>',
      'the console key fingerprint the site published: a bundle signed by any other key fails',
    )
    .option(
      '--previous <bundle-or-checkpoint>',
      "an earlier bundle folder, its checkpoint.json, an SLA report's .checkpoint.json or `mirqab-agent witness` output: the bundle must extend it (RFC 9162 consistency), not rewrite or shorten it",
    )
    .option(
      '--expect-witness <F>',
      'a witness key fingerprint (`mirqab-agent witness`) whose cosignature the bundle must carry; repeatable',
      collect,
    )
    .action(
      async (
        dir: string,
        opts: { expectFingerprint?: string; previous?: string; expectWitness?: string[] },
      ) => {
        if (!existsSync(dir)) throw new CliError(`${dir} does not exist.`);
        if (opts.previous && !existsSync(opts.previous))
          throw new CliError(`${opts.previous} does not exist.`);
        const { verifyAuditBundle } = await import('../audit/index.ts');
        const report = verifyAuditBundle(resolve(dir), {
          expectedFingerprint: opts.expectFingerprint,
          previous: opts.previous ? resolve(opts.previous) : undefined,
          expectedWitnesses: opts.expectWitness ?? [],
        });
        if (!report.ok) {
          console.log(`FAILED: ${report.reason ?? 'unknown reason'}`);
          process.exitCode = 1;
          return;
        }
        console.log(
          `ok: ${report.count} entries, head ${report.headHash}, root ${report.rootHash}, signed by key ${report.keyFingerprint}`,
        );
        if (report.previous) {
          const p = report.previous;
          console.log(
            `extends the previous checkpoint (entries 1 to ${p.treeSize}, signed at ${p.signedAt}): RFC 9162 consistency proof of ${p.proofLength} hashes verified`,
          );
        }
        for (const line of witnessLines(report.witnesses)) console.log(line);
        if (!opts.expectFingerprint) {
          console.error(
            'note: without --expect-fingerprint this shows only that the bundle is self-consistent; anyone holding the store key can make such a bundle.',
          );
        }
      },
    );
}
