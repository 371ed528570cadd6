// A process's memory counted three ways (Linux /proc/PID/smaps_rollup), and copies of an executable
// in either page-cache state, for benches that compare resident memory honestly.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';

/** In MB: resident; proportional (shared pages divided among their mappers); anonymous (its own). */
export interface Memory {
  rss: number;
  pss: number;
  priv: number;
}

export function memoryMb(pid: number): Memory | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const mb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1]) / 1024;
    return { rss: mb('Rss'), pss: mb('Pss'), priv: mb('Anonymous') };
  } catch {
    return null; // not Linux, or the process is gone
  }
}

/**
 * Copies `executable` to `to` and writes it out, as a package manager installs a file (dpkg and rpm
 * sync what they unpack). `cached`: left in the page cache, as right after an install; otherwise
 * dropped from it, as after a reboot. (Pages still waiting to be written are not mapped ahead of
 * use, so an unsynced copy would understate the installed case.)
 */
export function copyExecutable(executable: string, to: string, cached: boolean): string {
  copyFileSync(executable, to);
  execFileSync('sync', [to]);
  // GNU dd: count=0 with iflag=nocache drops the whole file from the page cache.
  if (!cached) execFileSync('dd', [`if=${to}`, 'iflag=nocache', 'count=0', 'status=none']);
  return to;
}

/** MB of `file` in the page cache (util-linux fincore), or null where fincore is missing. */
export function cachedMb(file: string): number | null {
  try {
    const bytes = execFileSync('fincore', ['--bytes', '--noheadings', '--raw', '-o', 'RES', file], {
      encoding: 'utf8',
    });
    return Number(bytes.trim()) / 1024 / 1024;
  } catch {
    return null;
  }
}
