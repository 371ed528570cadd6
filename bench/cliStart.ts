// How fast the command lines start, against `node -e 0` (the floor any Node program starts from) in
// the same run: `mirqab --help`, a light command that needs no store (`mirqab runbook validate`),
// `mirqab-agent --help`, the agent's one-file bundle on Node, and the agent's single executable.
// Median of CLI_START_RUNS interleaved runs (default 21), with peak RSS where GNU time is installed.
import { loadavg, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { agentExecutable } from '../test/helpers/agentExecutable.ts';
import { measureStarts, printStarts } from './support/startTime.ts';

const RUNS = Number(process.env.CLI_START_RUNS ?? 21);
if (!Number.isInteger(RUNS) || RUNS < 3) {
  console.error('CLI_START_RUNS must be a whole number of runs, at least 3');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const node = process.execPath;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}`,
);
const executable = await agentExecutable();
console.log(`load average before: ${load()}`);
if (process.env.NODE_EXTRA_CA_CERTS)
  console.log(
    'NODE_EXTRA_CA_CERTS is set: Node 20 reads those certificates at every start, the baseline included',
  );
const figures = measureStarts(
  [
    { name: 'node -e 0 (baseline)', argv: [node, '-e', '0'] },
    { name: 'mirqab --help', argv: [node, join(root, 'bin/mirqab.mjs'), '--help'] },
    {
      name: 'mirqab runbook validate FILE',
      argv: [
        node,
        join(root, 'bin/mirqab.mjs'),
        'runbook',
        'validate',
        join(root, 'resources/runbooks/drain-gpu-host.yaml'),
      ],
    },
    { name: 'mirqab-agent --help', argv: [node, join(root, 'bin/mirqab-agent.mjs'), '--help'] },
    {
      name: 'node out/agent/mirqab-agent.cjs --help',
      argv: [node, join(root, 'out/agent/mirqab-agent.cjs'), '--help'],
    },
    { name: 'agent single executable --help', argv: [executable, '--help'] },
  ],
  RUNS,
);
printStarts(figures, RUNS);
console.log(`load average after: ${load()}`);
const [baseline, help, , agentHelp] = figures;
console.log(
  `cliStart: mirqab --help ${help!.seconds.toFixed(3)} s, mirqab-agent --help ${agentHelp!.seconds.toFixed(3)} s (baseline: node -e 0 ${baseline!.seconds.toFixed(3)} s)`,
);
