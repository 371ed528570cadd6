// The scenario library on a real encrypted store: the built-ins are listed and read from the
// product's resources; an operator's scenario is imported whole or not at all, every version is
// kept, a built-in's name cannot be taken, and each import is audited with the change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../main/audit/index.ts';
import { DrillScenarioLibrary } from '../../../main/drills/library.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { TestClock } from '../../helpers/console.ts';
import {
  BUILTIN_SCENARIOS as BUILTINS,
  COOLING_SCENARIO as COOLING,
} from '../../helpers/drillScenarios.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from '../store/rawDb.ts';

const AMAL = { username: 'amal', role: 'incident_commander' };
let db: WritableDb;
let library: DrillScenarioLibrary;
let changes: number;

beforeEach(() => {
  db = newEncryptedDb(tempDir());
  migrate(db);
  changes = 0;
  library = new DrillScenarioLibrary({
    store: () => db,
    clock: new TestClock(),
    onChanged: () => changes++,
  });
});
afterEach(() => db.close());

const imports = () => listAudit(db, { action: 'drill.scenarioImport', limit: 10 }).entries;

describe('the drill scenario library', () => {
  it('lists the six built-ins with their digests, and reads one as shipped', () => {
    const listed = library.list();
    expect(listed.map((s) => [s.name, s.source])).toEqual(BUILTINS.map((n) => [n, 'builtin']));
    const xid = library.get('gpu-node-xid');
    expect(xid.listing).toMatchObject({
      version: 1,
      category: 'gpu_failure',
      durationMinutes: 60,
      source: 'builtin',
    });
    expect(xid.listing.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(xid.text).toBe(
      readFileSync(
        join(import.meta.dirname, '../../../resources/drills/gpu-node-xid.yaml'),
        'utf8',
      ),
    );
    expect(xid.scenario.expected.runbook).toBe('drain-gpu-host');
    expect(() => library.get('gpu-node-xid', 2)).toThrow(
      'The built-in scenario "gpu-node-xid" is at version 1, not 2.',
    );
    expect(() => library.get('nope')).toThrow('There is no drill scenario named "nope".');
  });

  it('imports an operator scenario, keeps every version, and audits each import in the same transaction', () => {
    const v1 = library.import(COOLING, AMAL, 'cooling.yaml');
    expect(v1).toMatchObject({ name: 'rack-b-cooling', version: 1, source: 'imported' });
    const v2Text = COOLING.replace('version: 1', 'version: 2').replace('40', '45');
    library.import(v2Text, AMAL);
    expect(library.list().find((s) => s.name === 'rack-b-cooling')).toMatchObject({
      version: 2,
      durationMinutes: 45,
    });
    expect(library.get('rack-b-cooling', 1).text).toBe(COOLING);
    expect(library.get('rack-b-cooling').text).toBe(v2Text);
    expect(() => library.get('rack-b-cooling', 7)).toThrow(
      'Scenario "rack-b-cooling" has no version 7.',
    );
    // The same text again changes nothing and is not audited twice.
    library.import(COOLING, AMAL);
    expect(changes).toBe(2);
    expect(imports().map((e) => [e.actor, e.target, e.details.version])).toEqual([
      ['amal', 'drill-scenario:rack-b-cooling', 2],
      ['amal', 'drill-scenario:rack-b-cooling', 1],
    ]);
    expect(imports()[1]!.details).toMatchObject({ injects: 1, digest: v1.digest });
  });

  it('refuses a changed version, an older version, a built-in name and a bad document, storing nothing', () => {
    library.import(COOLING.replace('version: 1', 'version: 2'), AMAL);
    expect(() =>
      library.import(COOLING.replace('version: 1', 'version: 2').replace('40', '50'), AMAL),
    ).toThrow(
      'Version 2 of "rack-b-cooling" is already stored with other content; every version is kept, so raise the version.',
    );
    expect(() => library.import(COOLING, AMAL)).toThrow(
      '"rack-b-cooling" is already at version 2; import version 3 or higher.',
    );
    expect(() =>
      library.import(COOLING.replace('name: rack-b-cooling', 'name: traffic-surge'), AMAL),
    ).toThrow(
      '"traffic-surge" is a built-in scenario and cannot be changed; import yours under another name.',
    );
    expect(() =>
      library.import(
        COOLING.replace('version: 1', 'version: 3').replace('host: sim-gpu-01', 'host: sim-gpu-09'),
        AMAL,
        'cooling.yaml',
      ),
    ).toThrow(
      'The scenario was not imported; fix these and import it again:\ncooling.yaml:13:15: injects[0].target.host: is not a host of this site (sim-gpu-01, sim-gpu-02)',
    );
    expect(imports()).toHaveLength(1);
    expect(library.list().find((s) => s.name === 'rack-b-cooling')?.version).toBe(2);
  });

  it('without a store lists the built-ins only and refuses to import', () => {
    const bare = new DrillScenarioLibrary({ clock: new TestClock() });
    expect(bare.list().map((s) => s.name)).toEqual(BUILTINS);
    expect(() => bare.import(COOLING, AMAL)).toThrow(
      "Importing a scenario needs the site's store.",
    );
  });
});
