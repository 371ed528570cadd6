// `mirqab oncall who`: who is on call for every schedule, now or at a given time, read from the store
// directly (the console may be serving the same folder: the store is WAL, reads do not block it).
import { TZDate } from '@date-fns/tz';
import type { Command } from 'commander';
import type { OnCallWho } from '../../shared/ipc/contract.ts';
import { withStore, type CliContext } from './context.ts';
import { CliError } from './secrets.ts';

const WITH_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An instant from `--at`: ISO 8601 with a zone, or a site-local date and time (the site's zone is meant). */
export function parseAt(text: string, timeZone: string): number {
  const local = LOCAL.exec(text.trim());
  if (local) {
    const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = local.slice(1).map((v) => Number(v ?? 0));
    const ms = new TZDate(y, mo - 1, d, h, mi, s, timeZone).getTime();
    if (!Number.isNaN(ms)) return ms;
  }
  const ms = WITH_ZONE.test(text.trim()) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms))
    throw new CliError(
      `--at must be a time such as 2026-11-26T10:00 (in the site's zone, ${timeZone}) or 2026-11-26T06:00:00Z, not "${text}".`,
    );
  return ms;
}

/** "2026-11-26 10:00" on the site's wall clock. */
function siteTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export function describeWho(who: OnCallWho): string[] {
  const at = (iso: string) => siteTime(iso, who.timeZone);
  const lines = [`On call at ${at(who.at)} (${who.timeZone}):`];
  if (who.schedules.length === 0)
    lines.push('  no on-call schedules yet; create one in the console.');
  for (const s of who.schedules) {
    const now = s.onCall
      ? `${s.onCall.username}${s.onCall.source === 'override' ? ' (override)' : ''}${
          s.onCall.until ? ` until ${at(s.onCall.until)}` : ''
        }`
      : 'nobody';
    const next = s.next ? `; next ${s.next.username} at ${at(s.next.at)}` : '';
    lines.push(`  ${s.scheduleName}: ${now}${next}`);
  }
  return lines;
}

export function oncallCommands(program: Command, ctx: CliContext): void {
  const oncall = program.command('oncall').description('on-call schedules');
  oncall
    .command('who')
    .description('show who is on call for every schedule, now or at --at')
    .option(
      '--at <time>',
      "a moment to ask about: ISO 8601 with a zone, or a date and time in the site's zone",
    )
    .option('--json', 'print the answer as JSON')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (opts: { dataDir?: string; at?: string; json?: boolean }) => {
      const [{ getSettings }, { whoIsOnCallAt }] = await Promise.all([
        import('../core/settingsRepository.ts'),
        import('../incidents/oncall/service.ts'),
      ]);
      await withStore(ctx, opts, (db) => {
        const { timeZone } = getSettings(db);
        const atMs = opts.at === undefined ? Date.now() : parseAt(opts.at, timeZone);
        const who = whoIsOnCallAt(db, atMs, timeZone);
        if (opts.json) console.log(JSON.stringify(who, null, 2));
        else for (const line of describeWho(who)) console.log(line);
      });
    });
}
