// `mirqab incident list|show`: the incident queue and one incident's record, read from the store
// directly (the console may be serving the same folder: the store is WAL, reads do not block it).
import type { Command } from 'commander';
import { systemClock } from '../core/clock.ts';
import { INCIDENT_STATES, type IncidentState } from '../../shared/domain/incidents/states.ts';
import type { IncidentDetail, IncidentSummary } from '../../shared/ipc/incidentSchemas.ts';
import type { IncidentService } from '../incidents/incidentService.ts';
import { withStore, type CliContext } from './context.ts';
import { CliError } from './secrets.ts';

async function withIncidents<T>(
  ctx: CliContext,
  opts: { dataDir?: string },
  work: (service: IncidentService) => T,
): Promise<T> {
  const [{ EventBus }, { getSettings }, { IncidentChanges }, { IncidentService }] =
    await Promise.all([
      import('../core/events.ts'),
      import('../core/settingsRepository.ts'),
      import('../incidents/changes.ts'),
      import('../incidents/incidentService.ts'),
    ]);
  return withStore(ctx, opts, (db) =>
    work(
      new IncidentService({
        store: () => db,
        clock: systemClock,
        changes: new IncidentChanges(new EventBus(), () => db),
        // No evaluator runs here: the suggestion shows the SLAs but not a live burn rate.
        sloSummaries: () => [],
        timeZone: () => getSettings(db).timeZone,
      }),
    ),
  );
}

function row(i: IncidentSummary): string {
  const service = i.service ?? i.cluster ?? '—';
  return `#${i.id}\t${i.priority}\t${i.state}\t${i.category}\t${service}\t${i.openedAt}\t${i.title}`;
}

function describe(i: IncidentDetail): string[] {
  const lines = [
    `Incident #${i.id}: ${i.title}`,
    `  state ${i.state}, priority ${i.priority} (impact ${i.impact}, urgency ${i.urgency}), category ${i.category}`,
    `  service ${i.service ?? '—'}, cluster ${i.cluster ?? '—'}${i.isMajor ? ', major incident' : ''}`,
    `  detected ${i.detectedAt}, opened ${i.openedAt}, acknowledged ${i.acknowledgedAt ?? '—'}` +
      ` by ${i.acknowledgedBy ?? '—'}, resolved ${i.resolvedAt ?? '—'}, closed ${i.closedAt ?? '—'}`,
    `  response target ${i.respond.status}, resolution target ${i.resolve.status}`,
  ];
  for (const r of i.roles) lines.push(`  ${r.role}: ${r.username}`);
  lines.push(`  alerts (${i.alerts.length}):`);
  for (const a of i.alerts)
    lines.push(`    ${a.fingerprint}\t${a.source}\t${a.state}\t${a.rule}\t${a.summary}`);
  lines.push(`  timeline:`);
  for (const t of i.timeline) lines.push(`    ${t.at}\t${t.kind}\t${t.actor ?? ''}\t${t.text}`);
  return lines;
}

export function incidentCommands(program: Command, ctx: CliContext): void {
  const incident = program.command('incident').description('read the incident queue and records');
  incident
    .command('list')
    .description('list incidents, newest first')
    .option('--state <state>', `only this state (${INCIDENT_STATES.join(', ')}, or open)`)
    .option('--limit <n>', 'at most this many', '200')
    .option('--json', 'print JSON')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (opts: { state?: string; limit: string; json?: boolean; dataDir?: string }) => {
      let states: IncidentState[] | undefined;
      if (opts.state === 'open') states = ['new', 'in_progress', 'on_hold'];
      else if (opts.state !== undefined) {
        if (!(INCIDENT_STATES as readonly string[]).includes(opts.state))
          throw new CliError(
            `Unknown state "${opts.state}"; use one of ${INCIDENT_STATES.join(', ')} or open.`,
          );
        states = [opts.state as IncidentState];
      }
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 20_000)
        throw new CliError('--limit takes a whole number from 1 to 20000.');
      await withIncidents(ctx, opts, (service) => {
        const { items, total } = service.list({ states, limit });
        if (opts.json) {
          console.log(JSON.stringify({ total, items }, null, 2));
          return;
        }
        if (items.length === 0) console.log('No incidents.');
        for (const i of items) console.log(row(i));
        if (total > items.length) console.log(`… ${total - items.length} more (use --limit).`);
      });
    });
  incident
    .command('show')
    .description('one incident: its state, priority, alerts (with fingerprints) and timeline')
    .argument('<id>', 'the incident number')
    .option('--json', 'print JSON')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (id: string, opts: { json?: boolean; dataDir?: string }) => {
      const n = Number(id.replace(/^#/, ''));
      if (!Number.isInteger(n) || n < 1) throw new CliError(`"${id}" is not an incident number.`);
      await withIncidents(ctx, opts, (service) => {
        const detail = service.detail(n);
        console.log(opts.json ? JSON.stringify(detail, null, 2) : describe(detail).join('\n'));
      });
    });
}
