// Start time and peak memory of short command lines, each run many times, interleaved with the
// others (so a change in the machine's load hits every command alike), reported as medians. Peak
// RSS comes from GNU time (/usr/bin/time) where it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface StartCommand {
  name: string;
  argv: string[];
}

export interface StartFigure {
  name: string;
  /** Median wall time, seconds. */
  seconds: number;
  /** Median peak resident memory, MB; null without GNU time. */
  peakRssMb: number | null;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function measureStarts(commands: StartCommand[], runs: number): StartFigure[] {
  const withTime = existsSync(GNU_TIME);
  const dir = mkdtempSync(join(tmpdir(), 'mirqab-start-'));
  const rssFile = join(dir, 'rss');
  const times = commands.map(() => [] as number[]);
  const rss = commands.map(() => [] as number[]);
  try {
    for (let run = 0; run < runs; run++) {
      commands.forEach(({ argv }, i) => {
        const [file, ...args] = withTime ? [GNU_TIME, '-f', '%M', '-o', rssFile, ...argv] : argv;
        const t0 = performance.now();
        const result = spawnSync(file!, args, { stdio: 'ignore' });
        times[i]!.push(performance.now() - t0);
        if (result.status !== 0)
          throw new Error(`${argv.join(' ')} exited ${result.status ?? result.signal}`);
        if (withTime) rss[i]!.push(Number(readFileSync(rssFile, 'utf8').trim()) / 1024);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return commands.map(({ name }, i) => ({
    name,
    seconds: median(times[i]!) / 1000,
    peakRssMb: withTime ? median(rss[i]!) : null,
  }));
}

/** Prints one line per command; the first command is the baseline the others are compared with. */
export function printStarts(figures: StartFigure[], runs: number): void {
  const baseline = figures[0]!;
  console.log(`\nstart time and peak RSS, median of ${runs} interleaved runs:`);
  for (const f of figures) {
    const ratio = f === baseline ? '' : ` (${(f.seconds / baseline.seconds).toFixed(2)}× baseline)`;
    const memory = f.peakRssMb === null ? '' : `, peak RSS ${f.peakRssMb.toFixed(1)} MB`;
    console.log(`  ${f.name.padEnd(44)} ${f.seconds.toFixed(3)} s${ratio}${memory}`);
  }
  if (baseline.peakRssMb === null)
    console.log(`  peak RSS: GNU time (${GNU_TIME}) is not installed, so it is not measured`);
}
