// The drill scenario library: the built-ins shipped in resources/drills (read-only, never stored)
// and the scenarios operators import into the site's store, every version kept as imported. A
// built-in's name cannot be taken by an import, so the scenario a team rehearsed is the one shipped.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DrillCategory, DrillScenario } from '../../shared/domain/drills/scenario.ts';
import { formatDrillProblem, parseDrillScenario } from '../../shared/domain/drills/validate.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { assertNewVersion, notImported } from '../core/documentVersions.ts';
import { DomainError } from '../core/errors.ts';
import type { WritableDb } from '../store/types.ts';
import {
  findScenario,
  insertScenarioVersion,
  latestScenarios,
  type ScenarioRow,
} from './scenarioRepository.ts';

/** Two levels up from this file and from the bundled main (out/main/index.js) alike. */
export const BUILTIN_SCENARIOS_DIR = fileURLToPath(
  new URL('../../resources/drills/', import.meta.url),
);

export interface ScenarioListing {
  name: string;
  version: number;
  title: string;
  category: DrillCategory;
  durationMinutes: number;
  source: 'builtin' | 'imported';
  /** SHA-256 of the document's text, as imported or shipped. */
  digest: string;
}

export interface StoredScenario {
  listing: ScenarioListing;
  scenario: DrillScenario;
  /** The YAML exactly as shipped or imported. */
  text: string;
}

export interface ScenarioActor {
  username: string;
  role: string;
}

export interface ScenarioLibraryOptions {
  /** The site's store; without one (a CLI with no data folder) only the built-ins are listed. */
  store?: () => WritableDb;
  clock: Clock;
  builtinDir?: string;
  /** Told after an import is committed. */
  onChanged?: () => void;
}

const digestOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function storedOf(text: string, source: ScenarioListing['source'], where: string): StoredScenario {
  const parsed = parseDrillScenario(text);
  if (!parsed.ok)
    throw new DomainError(
      'INTERNAL',
      `Scenario ${where} no longer reads: ${formatDrillProblem(parsed.problems[0]!, where)}`,
    );
  const { scenario } = parsed;
  return {
    listing: {
      name: scenario.name,
      version: scenario.version,
      title: scenario.title,
      category: scenario.category,
      durationMinutes: scenario.durationMinutes,
      source,
      digest: digestOf(text),
    },
    scenario,
    text,
  };
}

const fromRow = (row: ScenarioRow) => storedOf(row.text, 'imported', `${row.name} v${row.version}`);

export class DrillScenarioLibrary {
  private builtinCache: Map<string, StoredScenario> | null = null;

  constructor(private readonly options: ScenarioLibraryOptions) {}

  /** The built-ins by name, read once from the product's resources. */
  private get builtins(): Map<string, StoredScenario> {
    if (!this.builtinCache) {
      const dir = this.options.builtinDir ?? BUILTIN_SCENARIOS_DIR;
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort();
      this.builtinCache = new Map(
        files.map((file) => {
          const stored = storedOf(readFileSync(join(dir, file), 'utf8'), 'builtin', file);
          return [stored.listing.name, stored];
        }),
      );
    }
    return this.builtinCache;
  }

  private get db(): WritableDb | null {
    return this.options.store?.() ?? null;
  }

  /** Every scenario by name: the built-ins and the newest version of each imported one. */
  list(): ScenarioListing[] {
    const imported = this.db ? latestScenarios(this.db).map((row) => fromRow(row).listing) : [];
    return [...[...this.builtins.values()].map((b) => b.listing), ...imported].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  /** One scenario: a built-in, or an imported version (the newest when `version` is omitted). */
  get(name: string, version?: number): StoredScenario {
    const builtin = this.builtins.get(name);
    if (builtin) {
      if (version === undefined || version === builtin.listing.version) return builtin;
      throw new DomainError(
        'NOT_FOUND',
        `The built-in scenario "${name}" is at version ${builtin.listing.version}, not ${version}.`,
      );
    }
    const db = this.db;
    const row = db ? findScenario(db, name, version) : undefined;
    if (row) return fromRow(row);
    const hasOthers = db !== null && version !== undefined && findScenario(db, name) !== undefined;
    throw new DomainError(
      'NOT_FOUND',
      hasOthers
        ? `Scenario "${name}" has no version ${version}.`
        : `There is no drill scenario named "${name}".`,
    );
  }

  /**
   * Validates and stores a new version, audited in the same transaction. `fileName` names the
   * source in problem messages. An identical re-import of a stored version changes nothing.
   */
  import(text: string, by: ScenarioActor, fileName = 'scenario.yaml'): ScenarioListing {
    const parsed = parseDrillScenario(text);
    if (!parsed.ok)
      throw notImported(
        'scenario',
        parsed.problems.map((p) => formatDrillProblem(p, fileName)),
      );
    const { scenario } = parsed;
    if (this.builtins.has(scenario.name))
      throw new DomainError(
        'CONFLICT',
        `"${scenario.name}" is a built-in scenario and cannot be changed; import yours under another name.`,
      );
    const db = this.db;
    if (!db) throw new DomainError('INTERNAL', "Importing a scenario needs the site's store.");
    const now = this.options.clock.now();
    const digest = digestOf(text);
    const isNew = db.transaction(() => {
      const same = findScenario(db, scenario.name, scenario.version);
      if (same?.text === text) return false;
      const latest = findScenario(db, scenario.name);
      assertNewVersion(scenario.name, scenario.version, same !== undefined, latest?.version);
      insertScenarioVersion(db, {
        name: scenario.name,
        version: scenario.version,
        title: scenario.title,
        category: scenario.category,
        text,
        digest,
        imported_by: by.username,
        imported_at: now.getTime(),
      });
      auditBy(
        db,
        by,
        {
          action: 'drill.scenarioImport',
          target: `drill-scenario:${scenario.name}`,
          outcome: 'success',
          details: {
            version: scenario.version,
            category: scenario.category,
            injects: scenario.injects.length,
            digest,
          },
        },
        now,
      );
      return true;
    })();
    if (isNew) this.options.onChanged?.();
    return this.get(scenario.name, scenario.version).listing;
  }
}
