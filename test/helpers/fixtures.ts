// The real-world fixtures under test/fixtures/ (provenance in its README), read-only: every test,
// bench and script finds them through this one module.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export const fixture = (...parts: string[]): string => join(FIXTURES, ...parts);
export const readFixture = (...parts: string[]): string => readFileSync(fixture(...parts), 'utf8');
export const readFixtureBytes = (...parts: string[]): Uint8Array => readFileSync(fixture(...parts));
export const listFixtures = (...parts: string[]): string[] => readdirSync(fixture(...parts)).sort();

/** The recorded inference run's scrapes: each `# scrape_unix_time T` line starts one exposition. */
export function inferenceRunScrapes(): { unixTime: number; text: string }[] {
  return readFixture('inference-run/scrapes.txt')
    .split('# scrape_unix_time ')
    .slice(1)
    .map((chunk) => {
      const newline = chunk.indexOf('\n');
      return { unixTime: Number(chunk.slice(0, newline)), text: chunk.slice(newline + 1) };
    });
}

export function inferenceRunPhases(): { phase: string; start: number }[] {
  return readFixture('inference-run/phases.txt')
    .trim()
    .split('\n')
    .map((line) => {
      const [phase = '', start = ''] = line.trim().split(/\s+/);
      return { phase, start: Number(start) };
    });
}
