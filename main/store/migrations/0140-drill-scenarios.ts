import type { Migration } from './types.ts';

// Drill scenarios operators import (the built-ins are read from the product's resources, never
// stored): every version kept as imported, with the SHA-256 of its text. Times are ms since the
// epoch (UTC).
export const migration0140: Migration = {
  version: 140,
  name: 'drill-scenarios',
  up(db) {
    db.exec(`
      CREATE TABLE drill_scenarios (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        title TEXT NOT NULL,
        category TEXT NOT NULL,
        text TEXT NOT NULL,
        digest TEXT NOT NULL CHECK (length(digest) = 64),
        imported_by TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        UNIQUE (name, version)
      ) STRICT;
    `);
  },
};
