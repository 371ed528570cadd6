// `npm run bench [NAME]`: runs bench/NAME.ts, or every bench, each in its own process so one
// bench's heap and open files never skew the next.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();

const requested = process.argv.slice(2);
for (const name of requested) {
  if (!existsSync(join(benchDir, `${name}.ts`)) || name === 'run') {
    console.error(`No bench named "${name}". Available: ${available.join(', ')}`);
    process.exit(2);
  }
}

let failed = 0;
for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n── bench ${name} ──`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, `${name}.ts`)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench ${name} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
