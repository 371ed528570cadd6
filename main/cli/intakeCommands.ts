// `mirqab intake token create|list|revoke`: the tokens the site's Alertmanager delivers with, managed
// straight against the store (the console may be serving it: the store is WAL), audited as the CLI.
import type { Command } from 'commander';
import { systemClock } from '../core/clock.ts';
import type { IntakeToken } from '../../shared/ipc/incidentSchemas.ts';
import type { IntakeTokens } from '../incidents/intake/tokens.ts';
import { withStore, type CliContext } from './context.ts';
import { CliError } from './secrets.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

function stateOf(token: IntakeToken): string {
  return token.revokedAt ? `revoked ${token.revokedAt} by ${token.revokedBy ?? '?'}` : 'active';
}

export function intakeCommands(program: Command, ctx: CliContext): void {
  const actor = () => ({ username: ctx.cliActor().actor, role: ctx.cliActor().role });
  const withTokens = async <T>(
    opts: { dataDir?: string },
    work: (tokens: IntakeTokens) => T,
  ): Promise<T> => {
    const { IntakeTokens } = await import('../incidents/intake/tokens.ts');
    return withStore(ctx, opts, (db) =>
      work(new IntakeTokens({ store: () => db, clock: systemClock })),
    );
  };

  const token = program
    .command('intake')
    .description("alert intake: the tokens the site's Prometheus Alertmanager delivers with")
    .command('token')
    .description('create, list and revoke intake tokens');

  token
    .command('create')
    .description(
      'create a token and print it once on stdout (only its hash is stored); the guidance goes to stderr',
    )
    .argument(
      '<name>',
      'a name for the Alertmanager that will use it (letters, digits, space . _ -)',
    )
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (name: string, opts: { dataDir?: string }) => {
      const trimmed = name.trim();
      if (!NAME.test(trimmed))
        throw new CliError('The name takes letters, digits, space, . _ - (at most 64).');
      const created = await withTokens(opts, (tokens) => tokens.create(trimmed, actor()));
      console.error(
        `Created intake token "${created.info.name}". It is shown once: put it in the receiver's webhook_configs → http_config → authorization → credentials, with url http://HOST:PORT/intake/alertmanager.`,
      );
      console.log(created.token);
    });

  token
    .command('list')
    .description('list intake tokens: name, created, last used, state')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (opts: { dataDir?: string }) => {
      const tokens = await withTokens(opts, (t) => t.list());
      if (tokens.length === 0) {
        console.log('No intake tokens; create one with `mirqab intake token create NAME`.');
        return;
      }
      for (const t of tokens)
        console.log(
          `${t.name}\tcreated ${t.createdAt} by ${t.createdBy}\tlast used ${t.lastUsedAt ?? 'never'}\t${stateOf(t)}`,
        );
    });

  token
    .command('revoke')
    .description('revoke a token: deliveries with it are refused from now on (401)')
    .argument('<name>', 'the name it was created with')
    .option(ctx.dataDirOption, ctx.dataDirHelp)
    .action(async (name: string, opts: { dataDir?: string }) => {
      const revoked = await withTokens(opts, (tokens) => tokens.revokeByName(name, actor()));
      console.log(`Revoked intake token "${revoked.name}" at ${revoked.revokedAt ?? ''}.`);
    });
}
