import type { Migration } from './types.ts';

// An operator whose password an admin has reset signs in with the temporary one and must set their
// own before anything else; the flag clears when they do.
export const migration0160: Migration = {
  version: 160,
  name: 'password change required',
  up(db) {
    db.exec(`
      ALTER TABLE operators ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
        CHECK (must_change_password IN (0, 1));
    `);
  },
};
