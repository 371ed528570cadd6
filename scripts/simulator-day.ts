// Prints a simulated day of one host's model services, hour by hour: requests per second, error
// ratio and the worst 5-minute p99. For checking the simulator's healthy baseline after a retune:
//   npx tsx scripts/simulator-day.ts [--seed S] [--models a,b] [--gpus-per-host N]   (defaults: the demo site)
import { parseArgs } from 'node:util';
import { DEFAULT_MODELS } from '../agent/simulator/fleet.ts';
import { simulateDay } from '../agent/simulator/dayReport.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: 'mirqab-demo' },
    models: { type: 'string', default: DEFAULT_MODELS.join(',') },
    'gpus-per-host': { type: 'string', default: '8' }, // the demo site's default
  },
});
const models = values.models
  .split(',')
  .map((m) => m.trim())
  .filter(Boolean);
const gpusPerHost = Number(values['gpus-per-host']);
const hours = simulateDay({ models, gpusPerHost, seed: values.seed });

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const line = (cells: string[]) => process.stdout.write(`${cells.join('  ')}\n`);
const width = Math.max(5, ...models.map((m) => m.length));
line(['hour ', 'model'.padEnd(width), '   req/s', '   errors', 'worst 5-min p99']);
for (const h of hours) {
  line([
    `${String(h.hour).padStart(2, '0')}:00`,
    h.model.padEnd(width),
    (h.requests / 3600).toFixed(3).padStart(8),
    pct(h.errorRatio),
    `${h.worstP99Seconds.toFixed(3)} s`,
  ]);
}
for (const model of models) {
  const day = hours.filter((h) => h.model === model);
  const requests = day.reduce((sum, h) => sum + h.requests, 0);
  const errors = day.reduce((sum, h) => sum + h.errors, 0);
  line([
    `${model}: day error ratio ${pct(errors / requests).trim()}, worst 5-minute p99 ${Math.max(...day.map((h) => h.worstP99Seconds)).toFixed(3)} s`,
  ]);
}

function pct(ratio: number): string {
  return `${(100 * ratio).toFixed(3)} %`.padStart(9);
}
